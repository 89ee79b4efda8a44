using System.Text.RegularExpressions;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Finds a table printed one cell per line under its caption, as some label renderings set them
/// (no two cells share a baseline, so no geometry shows the columns): "Dose (mg)", "Cmax (mcg/mL)",
/// "AUC (mcg•hr/mL)", then "250", "1.2", "4.8", "500", ... The lines are read as rows of
/// <c>k</c> cells, a label and <c>k - 1</c> values, under a header of <c>k</c> cells (a unit in
/// brackets on its own line belongs to the heading above it); the reading that takes the most
/// lines wins (the most columns on a tie). Lines that do not fit stay text.
/// </summary>
internal static partial class StackedCellTableDetector
{
    /// <summary>A table has at most this many columns.</summary>
    public const int MaxColumns = 6;

    /// <summary>A cell's line has at most this many words; a value's at most <see cref="MaxValueWords"/>.</summary>
    public const int MaxCellWords = 8;

    public const int MaxValueWords = 4;

    /// <summary>Rows a table needs, besides its header.</summary>
    public const int MinRows = 2;

    public static List<PdfTable> Detect(List<PdfLine> lines, out List<PdfLine> remaining)
    {
        var ordered = lines.OrderByDescending(l => l.Box.Top).ThenBy(l => l.Box.Left).ToList();
        var used = new HashSet<PdfLine>();
        var tables = new List<PdfTable>();
        for (var c = 0; c < ordered.Count; c++)
        {
            if (!CaptionLinker.IsTableCaption(ordered[c].Text))
            {
                continue;
            }
            var caption = ordered[c];
            // The cells: the lines under the caption set at its left edge, up to the first sentence.
            // A caption line of many words was wrapped: the line under it goes on with the caption.
            var cells = new List<PdfLine>();
            var last = caption;
            for (var i = c + 1; i < ordered.Count && cells.Count < 200; i++)
            {
                if (cells.Count == 0 && Words(last.Text) > MaxCellWords && !last.Text.TrimEnd().EndsWith('.') && !Note().IsMatch(ordered[i].Text))
                {
                    last = ordered[i];
                    continue;
                }
                var line = ordered[i];
                if (Math.Abs(line.Box.Left - caption.Box.Left) > 2 * Math.Max(line.Size, 6))
                {
                    continue;
                }
                if (Words(line.Text) > MaxCellWords && cells.Count > 2)
                {
                    break;
                }
                cells.Add(line);
            }
            if (Best(cells) is not { } found)
            {
                continue;
            }
            var (start, headerEnd, k, rows) = found;
            var header = Header(cells.GetRange(start, headerEnd - start));
            var data = Enumerable.Range(0, rows).Select(r => cells.GetRange(headerEnd + r * k, k).Select(l => l.Text.Trim()).ToArray()).ToArray();
            var taken = cells.GetRange(start, headerEnd - start + rows * k);
            tables.Add(new PdfTable(Boxes.Union(taken.Select(l => l.Box)), [header, .. data], 1, taken.Select(l => l.Size).Order().ElementAt(taken.Count / 2), []));
            used.UnionWith(taken);
        }
        remaining = lines.Where(l => !used.Contains(l)).ToList();
        return tables;
    }

    // Where the header starts (after up to two lines more of the caption or a note), where the
    // rows start, the number of columns, and how many rows: the reading that takes the most lines
    // (the most columns on a tie), with at least two rows.
    private static (int Start, int HeaderEnd, int Columns, int Rows)? Best(List<PdfLine> cells)
    {
        (int, int, int, int)? best = null;
        var bestLines = 0;
        var bestColumns = 0;
        for (var start = 0; start <= 2 && start < cells.Count; start++)
        {
            for (var headerEnd = start + 2; headerEnd <= Math.Min(cells.Count, start + 2 * MaxColumns); headerEnd++)
            {
                var headings = Header(cells.GetRange(start, headerEnd - start));
                var k = headings.Length;
                // A heading starts with a capital ("Dose (mg)", "AUC0-24,ss (mg h/L)"), not with a
                // number or in lower case (the second line of a heading or of a cell).
                if (k < 2 || k > MaxColumns || headings.Any(h => Words(h) > MaxCellWords || !char.IsUpper(h[0])))
                {
                    continue;
                }
                var rows = 0;
                while (headerEnd + (rows + 1) * k <= cells.Count && IsRow(cells.GetRange(headerEnd + rows * k, k)))
                {
                    rows++;
                }
                var taken = headerEnd - start + rows * k;
                if (rows >= MinRows && (taken > bestLines || taken == bestLines && k > bestColumns))
                {
                    best = (start, headerEnd, k, rows);
                    bestLines = taken;
                    bestColumns = k;
                }
            }
        }
        return best;
    }

    // A label (a dose, an age group, a drug) and then values.
    private static bool IsRow(List<PdfLine> row) =>
        Words(row[0].Text) <= MaxCellWords && !row[0].Text.TrimEnd().EndsWith('.')
        && row.Skip(1).All(l => IsValue(l.Text));

    // A value starts like a number ("1.2", "30.9*", "< 2", "-0.7", "(12%)"), not like words.
    private static bool IsValue(string text) =>
        text.Any(char.IsDigit) && Words(text) <= MaxValueWords && !text.TrimEnd().EndsWith(',') && ValueStart().IsMatch(text);

    [GeneratedRegex(@"^\s*[\d<>≤≥±+\-−–~∼(.]")]
    private static partial Regex ValueStart();

    // The header's cells: a line that is only a unit in brackets ("(mg/L)") goes with the heading above it.
    private static string[] Header(List<PdfLine> lines)
    {
        var cells = new List<string>();
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            if (cells.Count > 0 && Bracketed().IsMatch(text))
            {
                cells[^1] += " " + text;
            }
            else
            {
                cells.Add(text);
            }
        }
        return cells.ToArray();
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"^\s*[*†‡§¶]")]
    private static partial Regex Note();

    [GeneratedRegex(@"^\([^()]*\)$")]
    private static partial Regex Bracketed();
}
