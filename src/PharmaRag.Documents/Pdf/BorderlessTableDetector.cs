namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Finds tables drawn without rules from word alignment: at least three consecutive printed rows
/// split into several short pieces whose left edges line up in the same columns. A row of one
/// piece inside such a run is a wrapped cell and joins the cell above it. Prose in two page
/// columns also splits into pieces, so runs of long pieces are left as text.
/// </summary>
internal static class BorderlessTableDetector
{
    private const double AnchorTolerance = 6;

    public static List<PdfTable> Detect(List<PdfLine> lines, double pageWidth, out List<PdfLine> remaining)
    {
        var tables = new List<PdfTable>();
        var used = new HashSet<PdfLine>();
        var rows = PhysicalRows(lines);
        var start = 0;
        while (start < rows.Count)
        {
            var end = start;
            while (end + 1 < rows.Count && Adjacent(rows[end], rows[end + 1]) && (rows[end + 1].Count > 1 || (end + 2 < rows.Count && rows[end + 2].Count > 1)))
            {
                end++;
            }
            var run = rows.GetRange(start, end - start + 1);
            if (run.Count(r => r.Count > 1) >= 3 && Build(run, pageWidth) is { } table)
            {
                tables.Add(table);
                used.UnionWith(run.SelectMany(r => r));
            }
            start = end + 1;
        }
        remaining = lines.Where(l => !used.Contains(l)).ToList();
        return tables;
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

    private static PdfTable? Build(List<List<PdfLine>> run, double pageWidth)
    {
        var multi = run.Where(r => r.Count > 1).ToList();
        var pieces = multi.SelectMany(r => r).ToList();
        var words = pieces.Select(p => p.Words.Count).Order().ToArray();
        var widths = pieces.Select(p => p.Box.Width()).Order().ToArray();
        if (words[words.Length / 2] > 6 || widths[widths.Length / 2] > 0.3 * pageWidth)
        {
            return null;
        }
        var anchors = new List<(double X, int Support)>();
        foreach (var x in pieces.Select(p => p.Box.Left).Order())
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
        var columns = anchors.Where(a => a.Support >= Math.Max(2, 0.4 * multi.Count)).Select(a => a.X).ToList();
        if (columns.Count < 2 || LooksLikeTextColumns(pieces, columns))
        {
            return null;
        }

        var grid = new List<string[]>();
        var bold = new List<bool>();
        foreach (var row in run)
        {
            var cells = new string[columns.Count];
            Array.Fill(cells, "");
            foreach (var piece in row)
            {
                var c = Math.Max(0, columns.FindLastIndex(x => x <= piece.Box.Left + AnchorTolerance));
                cells[c] = (cells[c] + " " + piece.Text).Trim();
            }
            if (row.Count == 1 && grid.Count > 0)
            {
                var c = Array.FindIndex(cells, s => s.Length > 0);
                grid[^1][c] = Hyphenation.JoinLines([grid[^1][c], cells[c]], null);
                continue;
            }
            grid.Add(cells);
            bold.Add(row.All(l => l.Bold));
        }
        var lines = run.SelectMany(r => r).ToList();
        var box = Boxes.Union(lines.Select(l => l.Box));
        var rows = grid.ToArray();
        return new PdfTable(box, rows, HeaderRows.Count(rows, bold), lines.Select(l => l.Size).Order().ElementAt(lines.Count / 2), [.. columns, box.Right]);
    }

    // Side-by-side columns of sentences are page layout, not a table: a table has a column of
    // short values (numbers, doses, yes/no) beside its labels.
    private static bool LooksLikeTextColumns(List<PdfLine> pieces, List<double> columns)
    {
        var medians = columns.Select((x, i) => pieces
                .Where(p => columns.FindLastIndex(c => c <= p.Box.Left + AnchorTolerance) == i)
                .Select(p => p.Words.Count).Order().ToArray())
            .Where(counts => counts.Length > 0)
            .Select(counts => counts[counts.Length / 2])
            .ToList();
        return medians.Skip(1).All(m => m >= 4);
    }
}
