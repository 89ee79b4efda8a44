using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Finds tables drawn with rules. Rules that touch form a grid; its distinct horizontal rules are
/// row boundaries and its distinct vertical rules column boundaries. Within a row only the
/// vertical rules that actually cross it separate cells, so a heading spanning three columns
/// stays one cell, kept in its first column; in a header row it also heads the other columns
/// it spans ("Mean %" under "Predicted activity" reads as both). A table drawn without side
/// borders keeps its outer columns (the row labels on the left) out to where its row rules end.
/// Boxes around prose (boxed warnings, a framed Highlights column) have one column or
/// paragraph-long cells and are not tables.
/// </summary>
internal static class RuledTableDetector
{
    private const double Tolerance = 2;
    private const double MinColumnWidth = 12;
    private const int MaxSpanWords = 6;

    public static List<PdfTable> Detect(List<Rule> rules, IReadOnlyList<PdfWord> words)
    {
        var tables = new List<PdfTable>();
        foreach (var component in Components(Merge(rules)))
        {
            if (Build(component, words) is { } table)
            {
                tables.Add(table);
            }
        }
        return tables;
    }

    private static List<Rule> Merge(List<Rule> rules)
    {
        var merged = new List<Rule>();
        foreach (var group in rules.GroupBy(r => r.Horizontal))
        {
            Rule? current = null;
            foreach (var rule in group.OrderBy(r => Math.Round(r.At / 1.5)).ThenBy(r => r.From))
            {
                if (current is { } c && Math.Abs(c.At - rule.At) <= 1.5 && rule.From <= c.To + Tolerance)
                {
                    current = c with { To = Math.Max(c.To, rule.To) };
                    continue;
                }
                if (current is { } done)
                {
                    merged.Add(done);
                }
                current = rule;
            }
            if (current is { } last)
            {
                merged.Add(last);
            }
        }
        return merged;
    }

    private static IEnumerable<List<Rule>> Components(List<Rule> rules)
    {
        var parent = Enumerable.Range(0, rules.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var i = 0; i < rules.Count; i++)
        {
            for (var j = i + 1; j < rules.Count; j++)
            {
                if (Touch(rules[i], rules[j]))
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }
        return Enumerable.Range(0, rules.Count).GroupBy(Find).Select(g => g.Select(i => rules[i]).ToList());
    }

    private static bool Touch(Rule a, Rule b)
    {
        if (a.Horizontal == b.Horizontal)
        {
            return Math.Abs(a.At - b.At) <= Tolerance && a.From <= b.To + Tolerance && b.From <= a.To + Tolerance;
        }
        var (h, v) = a.Horizontal ? (a, b) : (b, a);
        return v.At >= h.From - Tolerance && v.At <= h.To + Tolerance && h.At >= v.From - Tolerance && h.At <= v.To + Tolerance;
    }

    private static PdfTable? Build(List<Rule> component, IReadOnlyList<PdfWord> words)
    {
        var horizontals = component.Where(r => r.Horizontal).ToList();
        var verticals = component.Where(r => !r.Horizontal).ToList();
        if (horizontals.Count < 2 || verticals.Count < 2)
        {
            return null;
        }
        var ys = Cluster(horizontals.Select(r => r.At)).OrderDescending().ToList();
        var xs = Cluster(verticals.Select(r => r.At)).Order().ToList();
        OpenSides(horizontals, xs);
        if (ys.Count < 3 || xs.Count < 3)
        {
            return null;
        }
        var box = new BoundingBox(xs[0], ys[^1], xs[^1], ys[0]);
        var inside = words.Where(w => box.Contains(w.Box.CenterX(), w.Box.CenterY())).ToList();
        if (inside.Count == 0)
        {
            return null;
        }

        foreach (var x in UndrawnColumnRules(xs, ys, inside, verticals))
        {
            verticals.Add(new Rule(false, x, ys[^1], ys[0]));
        }

        var cells = new List<PdfWord>[ys.Count - 1, xs.Count - 1];
        foreach (var word in inside)
        {
            var row = RowOf(ys, word);
            var column = 0;
            for (var c = 1; c < xs.Count - 1; c++)
            {
                if (xs[c] <= word.Box.CenterX() && Crosses(verticals, xs[c], ys, row))
                {
                    column = c;
                }
            }
            (cells[row, column] ??= []).Add(word);
        }

        var grid = new List<string[]>();
        var gridRows = new List<int>();
        var bold = new List<bool>();
        var size = inside.Select(w => w.Size).Order().ElementAt(inside.Count / 2);
        for (var r = 0; r < ys.Count - 1; r++)
        {
            var row = new string[xs.Count - 1];
            var rowWords = new List<PdfWord>();
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = cells[r, c] is { } list ? CellText.Join(list) : "";
                rowWords.AddRange(cells[r, c] ?? []);
            }
            if (rowWords.Count > 0)
            {
                grid.Add(row);
                gridRows.Add(r);
                bold.Add(rowWords.All(w => w.Bold));
            }
        }
        var used = Enumerable.Range(0, xs.Count - 1).Where(c => grid.Any(r => r[c].Length > 0)).ToArray();
        var rows = grid.Select(r => used.Select(c => r[c]).ToArray()).ToArray();
        if (rows.Length < 2 || used.Length < 2 || IsProse(rows))
        {
            return null;
        }
        var headerRows = HeaderRows.Count(rows, bold);
        // A heading over the whole table is its title, not a column group: it stays in one cell.
        for (var h = 0; h < headerRows; h++)
        {
            if (rows[h].Count(c => c.Length > 0) < 2)
            {
                continue;
            }
            for (var j = 1; j < used.Length; j++)
            {
                var spanned = Enumerable.Range(used[j - 1] + 1, used[j] - used[j - 1]).All(c => !Crosses(verticals, xs[c], ys, gridRows[h]));
                if (rows[h][j].Length == 0 && spanned)
                {
                    rows[h][j] = rows[h][j - 1];
                }
            }
        }
        FillRowSpans(rows, gridRows, used, xs, ys, horizontals, headerRows);
        var edges = used.Select(c => xs[c]).Append(xs[^1]).ToArray();
        return new PdfTable(box, rows, headerRows, size, edges);
    }

    // A body cell whose row rules stop short of it spans those rows: "250 mL" printed once,
    // centred beside the 30, 60 and 120 min rows whose rules are drawn only across the other
    // columns, holds for each of them, so each row of the span gets it. Only a short label
    // printed once is copied: a span holding a list over several rows (lab tests, objectives)
    // would repeat the whole list in every row.
    private static void FillRowSpans(string[][] rows, List<int> gridRows, int[] used, List<double> xs, List<double> ys, List<Rule> horizontals, int headerRows)
    {
        for (var j = 0; j < used.Length; j++)
        {
            var mid = (xs[used[j]] + xs[used[j] + 1]) / 2;
            var start = headerRows;
            for (var i = headerRows + 1; i <= rows.Length; i++)
            {
                var joined = i < rows.Length && gridRows[i] == gridRows[i - 1] + 1
                    && !horizontals.Any(h => Math.Abs(h.At - ys[gridRows[i]]) <= Tolerance && h.From <= mid && h.To >= mid);
                if (joined)
                {
                    continue;
                }
                var filled = Enumerable.Range(start, i - start).Where(k => rows[k][j].Length > 0).ToList();
                if (i - start >= 2 && filled.Count == 1 && rows[filled[0]][j].Split(' ').Length <= MaxSpanWords)
                {
                    var text = rows[filled[0]][j];
                    for (var k = start; k < i; k++)
                    {
                        rows[k][j] = text;
                    }
                }
                start = i;
            }
        }
    }

    private static int RowOf(List<double> ys, PdfWord word)
    {
        var below = ys.FindIndex(y => y < word.Box.CenterY());
        return below switch { < 0 => ys.Count - 2, 0 => 0, _ => below - 1 };
    }

    // A column rule drawn only where it meets the row rules (the joints, no segment across any
    // row): a table that leaves it out still marks the column there. It divides two columns when
    // no word crosses it and at least two rows have words on both sides of it ("Remdesivir" and
    // "GS-441524" under one rule pair read "1 27" as one cell); otherwise the cells span it.
    private static List<double> UndrawnColumnRules(List<double> xs, List<double> ys, List<PdfWord> inside, List<Rule> verticals)
    {
        var found = new List<double>();
        for (var c = 1; c + 1 < xs.Count; c++)
        {
            var x = xs[c];
            if (Enumerable.Range(0, ys.Count - 1).Any(r => Crosses(verticals, x, ys, r))
                || inside.Any(w => w.Box.Left < x - Tolerance && w.Box.Right > x + Tolerance))
            {
                continue;
            }
            var left = inside.Where(w => w.Box.CenterX() >= xs[c - 1] && w.Box.CenterX() < x).Select(w => RowOf(ys, w)).Distinct();
            var right = inside.Where(w => w.Box.CenterX() > x && w.Box.CenterX() < xs[c + 1]).Select(w => RowOf(ys, w)).Distinct();
            if (left.Intersect(right).Count() >= 2)
            {
                found.Add(x);
            }
        }
        return found;
    }

    /// <summary>True when a column rule at <paramref name="x"/> crosses the middle of row <paramref name="row"/>.</summary>
    private static bool Crosses(List<Rule> verticals, double x, List<double> ys, int row)
    {
        var mid = (ys[row] + ys[row + 1]) / 2;
        return verticals.Any(v => Math.Abs(v.At - x) <= Tolerance && v.From - Tolerance <= mid && v.To + Tolerance >= mid);
    }

    // A table drawn without side borders: its row rules run past the outermost column rules, and
    // the label column on the left (and a last column on the right) lies between a column rule and
    // where the row rules end. Two row rules must reach that far, so one long rule does not widen it.
    private static void OpenSides(List<Rule> horizontals, List<double> xs)
    {
        if (horizontals.Count < 2 || xs.Count == 0)
        {
            return;
        }
        var left = horizontals.Select(h => h.From).Order().ElementAt(1);
        var right = horizontals.Select(h => h.To).OrderDescending().ElementAt(1);
        if (left < xs[0] - MinColumnWidth)
        {
            xs.Insert(0, left);
        }
        if (right > xs[^1] + MinColumnWidth)
        {
            xs.Add(right);
        }
    }

    private static bool IsProse(string[][] rows)
    {
        var counts = rows.SelectMany(r => r).Where(c => c.Length > 0).Select(c => c.Split(' ').Length).Order().ToArray();
        return counts[counts.Length / 2] > 30 || counts[^1] > 200;
    }

    private static List<double> Cluster(IEnumerable<double> values)
    {
        var clusters = new List<List<double>>();
        foreach (var value in values.Order())
        {
            if (clusters.Count > 0 && value - clusters[^1][^1] <= Tolerance)
            {
                clusters[^1].Add(value);
            }
            else
            {
                clusters.Add([value]);
            }
        }
        return clusters.Select(c => c.Average()).ToList();
    }
}
