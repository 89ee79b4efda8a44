using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Finds tables drawn without rules from word alignment: at least three consecutive printed rows
/// split into several short pieces whose left edges (or, for centred cells, middles) line up in
/// the same columns. Prose in two
/// page columns also splits into pieces, so runs of long pieces are left as text.
/// A table row may print on several lines; a printed line continues the row above when it is
/// one piece (a wrapped cell), when it lies above the table's header rule (a heading on two
/// lines), or when each of its pieces continues a cell the row above has filled and is either
/// indented inside its column (the hanging indent of a wrapped cell) or closer to the row above
/// than rows are to each other (a table that sets rows apart) while other cells of the row end
/// on the line above, and is not a lone number. A line starting a cell at its
/// column's edge starts a new row. Words a narrow gutter leaves in one piece are split again
/// where a word starts at a column's edge. A word broken by a hyphen at a cell's line end is
/// re-joined when the document spells it whole elsewhere ("Loncastux-" + "imab"), and keeps
/// its hyphen when the document writes it hyphenated.
/// </summary>
internal static class BorderlessTableDetector
{
    private const double AnchorTolerance = 6;
    private const double EdgeTolerance = 2;
    private const double HangingIndent = 1.6;
    private const double CentreTolerance = 0.4;
    private const int MinGridCells = 3;

    public static List<PdfTable> Detect(List<PdfLine> lines, double pageWidth, IReadOnlyList<Rule> horizontalRules, Vocabulary? vocabulary, out List<PdfLine> remaining)
    {
        var tables = new List<PdfTable>();
        var used = new HashSet<PdfLine>();
        var rows = PhysicalRows(lines);
        var start = 0;
        while (start < rows.Count)
        {
            var end = start;
            while (Continues(rows, end, pageWidth))
            {
                end++;
            }
            // The table's caption printed just above it is left for the caption linker, and the
            // end of a sentence above it to the text.
            var first = start;
            while (first < end && (CaptionLinker.IsTableCaption(rows[first][0].Text) || (rows[first].Count == 1 && rows[first][0].Box.Width() > 0.3 * pageWidth && rows[first][0].Text.EndsWith('.'))))
            {
                first++;
            }
            var run = rows.GetRange(first, end - first + 1);
            if (run.Count(r => r.Count > 1) >= 3 && Build(run, pageWidth, horizontalRules, vocabulary) is { } table)
            {
                tables.Add(table);
                used.UnionWith(run.SelectMany(r => r));
            }
            start = end + 1;
        }
        remaining = lines.Where(l => !used.Contains(l)).ToList();
        return tables;
    }

    // The run goes on to the next row when that row has several pieces, or when a row of several
    // pieces follows one line of one piece, or two short ones (a cell wrapping over lines of its
    // own), or when it is one short line of a wrapped cell indented inside its column or starting
    // at the edge of a later cell of the row above.
    private static bool Continues(List<List<PdfLine>> rows, int end, double pageWidth)
    {
        bool Short(int r) => rows[r].Count == 1 && rows[r][0].Box.Width() <= 0.3 * pageWidth;
        if (end + 1 >= rows.Count || !Adjacent(rows[end], rows[end + 1]))
        {
            return false;
        }
        return rows[end + 1].Count > 1
            || (end + 2 < rows.Count && rows[end + 2].Count > 1)
            || (end + 3 < rows.Count && rows[end + 3].Count > 1 && Short(end + 1) && Short(end + 2))
            || (Short(end + 1) && IndentedWrap(rows, end + 1))
            || (rows[end + 1].Count == 1 && UnderLaterCell(rows, end + 1));
    }

    // A one-piece line starting where a cell other than the first starts in the last row of
    // three pieces or more above it: one more line of a cell that wraps over many lines (an outcomes
    // column listing "PFS: …", "(P = …)", "OS: …" under one trial). Text after a table starts at
    // its left edge, under the first column, so it is never taken for one. Only a row of at least
    // three cells counts: label-and-value pairs (a title page's "Protocol Title:" beside the title)
    // are not a grid, and the lines after them are prose more often than a wrapped value.
    private static bool UnderLaterCell(List<List<PdfLine>> rows, int r)
    {
        var cells = rows.Take(r).LastOrDefault(row => row.Count >= MinGridCells);
        var left = rows[r][0].Box.Left;
        return cells is not null && cells.Skip(1).Any(c => Math.Abs(left - c.Box.Left) <= EdgeTolerance);
    }

    // A one-piece line indented a little inside a cell of the last row of several pieces above it:
    // the last wrapped line of a table whose wrapped lines hang indented.
    private static bool IndentedWrap(List<List<PdfLine>> rows, int r)
    {
        var cells = rows.Take(r).LastOrDefault(row => row.Count > 1);
        var left = rows[r][0].Box.Left;
        return cells is not null && cells.Any(c => left >= c.Box.Left + 0.5 * c.Size && left <= c.Box.Left + HangingIndent * c.Size);
    }

    private static List<List<PdfLine>> PhysicalRows(List<PdfLine> lines)
    {
        var rows = new List<List<PdfLine>>();
        foreach (var line in lines.Where(l => !l.Running).OrderByDescending(l => l.Baseline))
        {
            if (rows.Count > 0 && Math.Abs(rows[^1][0].Baseline - line.Baseline) <= 0.4 * line.Size)
            {
                rows[^1].Add(line);
            }
            else
            {
                rows.Add([line]);
            }
        }
        foreach (var row in rows)
        {
            row.Sort((a, b) => a.Box.Left.CompareTo(b.Box.Left));
        }
        return rows;
    }

    private static bool Adjacent(List<PdfLine> above, List<PdfLine> below) =>
        above[0].Baseline - below[0].Baseline <= 2.4 * Math.Max(above.Max(l => l.Size), below.Max(l => l.Size));

    private static PdfTable? Build(List<List<PdfLine>> run, double pageWidth, IReadOnlyList<Rule> horizontalRules, Vocabulary? vocabulary)
    {
        var multi = run.Where(r => r.Count > 1).ToList();
        var pieces = multi.SelectMany(r => r).ToList();
        var words = pieces.Select(p => p.Words.Count).Order().ToArray();
        var widths = pieces.Select(p => p.Box.Width()).Order().ToArray();
        if (words[words.Length / 2] > 6 || widths[widths.Length / 2] > 0.3 * pageWidth)
        {
            return null;
        }
        // Column edges are where cells start: pieces, cut again at gaps wider than a word space.
        var size = run.SelectMany(r => r).Select(l => l.Size).Order().ElementAt(run.Sum(r => r.Count) / 2);
        var cut = run.Select(r => r.SelectMany(p => Cut(p, 0.4 * size)).ToList()).Where(r => r.Count > 1).ToList();
        var anchors = new List<(double X, int Support)>();
        foreach (var x in cut.SelectMany(r => r).Order())
        {
            if (anchors.Count > 0 && x - anchors[^1].X <= AnchorTolerance)
            {
                anchors[^1] = (anchors[^1].X, anchors[^1].Support + 1);
            }
            else
            {
                anchors.Add((x, 1));
            }
        }
        // The table's left edge starts its first column even when only group rows fill it. Two
        // edges closer than a column's width are one column: the edge more cells start at, with
        // the indent of wrapped lines (or the outdent of group headings) beside it.
        var columns = new List<(double X, int Support)>();
        foreach (var anchor in anchors.Where((a, i) => a.Support >= Math.Max(2, 0.4 * cut.Count) || (i == 0 && a.Support >= 2)))
        {
            if (columns.Count == 0 || anchor.X - columns[^1].X > HangingIndent * size)
            {
                columns.Add(anchor);
            }
            else if (anchor.Support > columns[^1].Support)
            {
                columns[^1] = anchor;
            }
        }
        // Cells centred in their columns: more cells line up by their middles than by their left edges.
        var edges = columns.Select(c => c.X).ToList();
        var middles = Centred(multi, size);
        var centred = middles is not null && (middles.Value.Edges.Count > edges.Count
            || (middles.Value.Edges.Count == edges.Count && middles.Value.Cells > columns.Sum(c => c.Support)));
        if (centred)
        {
            edges = middles!.Value.Edges;
        }
        if (edges.Count < 2 || LooksLikeTextColumns(pieces, edges))
        {
            return null;
        }
        return Rows(run, edges, centred, horizontalRules, vocabulary);
    }

    // The columns of a table whose cells are centred: pieces whose middles line up, each column
    // starting where its widest cell starts, and how many cells line up so. Null when fewer than
    // two columns line up.
    private static (List<double> Edges, int Cells)? Centred(List<List<PdfLine>> multi, double size)
    {
        var clusters = new List<List<PdfLine>>();
        foreach (var piece in multi.SelectMany(r => r).OrderBy(p => p.Box.CenterX()))
        {
            if (clusters.Count > 0 && piece.Box.CenterX() - clusters[^1][0].Box.CenterX() <= CentreTolerance * size)
            {
                clusters[^1].Add(piece);
            }
            else
            {
                clusters.Add([piece]);
            }
        }
        var lined = clusters.Where(c => c.Count >= Math.Max(2, 0.6 * multi.Count)).ToList();
        var edges = lined.Select(c => c.Min(p => p.Box.Left)).Order().ToList();
        return edges.Count >= 2 ? (edges, lined.Sum(c => c.Count)) : null;
    }

    private static PdfTable Rows(List<List<PdfLine>> run, List<double> columns, bool centred, IReadOnlyList<Rule> horizontalRules, Vocabulary? vocabulary)
    {
        var lines = run.SelectMany(r => r).ToList();
        var box = Boxes.Union(lines.Select(l => l.Box));
        var size = lines.Select(l => l.Size).Order().ElementAt(lines.Count / 2);
        var headerEnd = HeaderRule(run, box, horizontalRules);
        // Rows set apart by more space than the lines inside a row (at least three in ten gaps wider):
        // a tighter gap continues the row.
        var gaps = run.Skip(1).Select((row, i) => run[i][0].Baseline - row[0].Baseline).ToArray();
        var rowBreak = gaps.Length == 0 ? 0 : gaps.Min() + Math.Max(1, 0.1 * size);
        var spaced = gaps.Count(g => g >= rowBreak) >= Math.Max(2, 0.3 * gaps.Length) && gaps.Any(g => g < rowBreak);
        var grid = new List<string[]>();
        var bold = new List<bool>();
        var lefts = new Dictionary<int, double>();
        for (var r = 0; r < run.Count; r++)
        {
            var segments = run[r].SelectMany(piece => Split(piece, columns)).ToList();
            // A line starting left of where its column's text started on the line above is a
            // heading of its own ("Nervous system disorders" over indented terms), not a wrap.
            var outdented = segments.Any(s => lefts.TryGetValue(s.Column, out var above) && s.Left < above - EdgeTolerance);
            lefts = segments.GroupBy(s => s.Column).ToDictionary(g => g.Key, g => g.Min(s => s.Left));
            var cells = new string[columns.Count];
            Array.Fill(cells, "");
            foreach (var (column, _, text) in segments)
            {
                cells[column] = (cells[column] + " " + text).Trim();
            }
            var continues = grid.Count > 0
                && ((segments.Count == 1 && !outdented)
                    || r <= headerEnd
                    || (!centred && segments.All(s => grid[^1][s.Column].Length > 0 && s.Left >= columns[s.Column] + 0.5 * size))
                    || (spaced && gaps[r - 1] < rowBreak
                        && segments.All(s => grid[^1][s.Column].Length > 0 && !HeaderRows.IsNumber(s.Text))
                        && segments.Select(s => s.Column).Distinct().Count() < grid[^1].Count(c => c.Length > 0)));
            if (continues)
            {
                for (var c = 0; c < cells.Length; c++)
                {
                    grid[^1][c] = cells[c].Length == 0 ? grid[^1][c] : Hyphenation.JoinLines([grid[^1][c], cells[c]], vocabulary);
                }
                bold[^1] &= run[r].All(l => l.Bold);
                continue;
            }
            grid.Add(cells);
            bold.Add(run[r].All(l => l.Bold));
        }
        var rows = grid.ToArray();
        var headerRows = HeaderRows.Count(rows, bold);
        return new PdfTable(box, rows, headerRows, size, [.. columns, box.Right]);
    }

    // The left edges of a piece's words that follow a gap of at least minGap, and its own.
    private static IEnumerable<double> Cut(PdfLine piece, double minGap)
    {
        yield return piece.Box.Left;
        for (var i = 1; i < piece.Words.Count; i++)
        {
            if (piece.Words[i].Box.Left - piece.Words[i - 1].Box.Right >= minGap)
            {
                yield return piece.Words[i].Box.Left;
            }
        }
    }

    // The pieces of one printed line cut again where a word starts at a column's edge after a
    // gap wider than a word space: a gutter narrower than the line builder's split.
    private static IEnumerable<(int Column, double Left, string Text)> Split(PdfLine piece, List<double> columns)
    {
        int ColumnOf(double left) => Math.Max(0, columns.FindLastIndex(x => x <= left + AnchorTolerance));
        var words = piece.Words;
        var from = 0;
        for (var i = 1; i <= words.Count; i++)
        {
            if (i < words.Count
                && (words[i].Box.Left - words[i - 1].Box.Right < 0.4 * piece.Size
                    || !columns.Any(x => Math.Abs(x - words[i].Box.Left) <= EdgeTolerance)
                    || ColumnOf(words[i].Box.Left) <= ColumnOf(words[from].Box.Left)))
            {
                continue;
            }
            var left = words[from].Box.Left;
            yield return (ColumnOf(left), left, string.Join(' ', words.Skip(from).Take(i - from).Select(w => w.Text)));
            from = i;
        }
    }

    // The index of the last printed row above a rule drawn across the table within its first
    // four rows (the rule under a heading printed on several lines), or -1 when there is none.
    private static int HeaderRule(List<List<PdfLine>> run, BoundingBox box, IReadOnlyList<Rule> horizontalRules)
    {
        for (var r = 0; r + 1 < Math.Min(run.Count, 5); r++)
        {
            if (RuleBetween(run[r], run[r + 1], box, horizontalRules))
            {
                return r;
            }
        }
        return -1;
    }

    // True when rules between two printed rows cover most of the table's width.
    private static bool RuleBetween(List<PdfLine> aboveRow, List<PdfLine> belowRow, BoundingBox box, IReadOnlyList<Rule> horizontalRules)
    {
        var above = aboveRow.Min(l => l.Box.Bottom);
        var below = belowRow.Max(l => l.Box.Top);
        var covered = horizontalRules
            .Where(h => h.At < above && h.At > below)
            .Select(h => (From: Math.Max(h.From, box.Left), To: Math.Min(h.To, box.Right)))
            .Where(s => s.To > s.From)
            .OrderBy(s => s.From)
            .Aggregate((Reach: box.Left, Length: 0.0), (acc, s) => s.To <= acc.Reach ? acc : (s.To, acc.Length + s.To - Math.Max(s.From, acc.Reach)));
        return covered.Length >= 0.8 * box.Width();
    }

    // Side-by-side columns of sentences are page layout, not a table: a table has a column of
    // short values (numbers, doses, yes/no) beside its labels, or labels of a word or three
    // beside their descriptions (a severity scale, a glossary).
    private static bool LooksLikeTextColumns(List<PdfLine> pieces, List<double> columns)
    {
        var medians = columns.Select((x, i) => pieces
                .Where(p => columns.FindLastIndex(c => c <= p.Box.Left + AnchorTolerance) == i)
                .Select(p => p.Words.Count).Order().ToArray())
            .Where(counts => counts.Length > 0)
            .Select(counts => counts[counts.Length / 2])
            .ToList();
        // Bullets and section numbers beside sentences are a list or headings, not labels.
        var labels = pieces.Where(p => columns.FindLastIndex(c => c <= p.Box.Left + AnchorTolerance) == 0).ToList();
        var worded = labels.Count > 0 && labels.Count(p => p.Text.Any(char.IsLetter)) >= 0.8 * labels.Count;
        return medians.Skip(1).All(m => m >= 4) && (medians[0] > 3 || !worded);
    }
}
