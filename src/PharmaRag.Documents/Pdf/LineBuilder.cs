using PharmaRag.Core.Content;
using UglyToad.PdfPig.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Rebuilds words and lines from a page's letters. Letters are ordered by position, not by the
/// order the content stream drew them in, so kerned text such as "w-i-t-h" drawn out of order
/// still reads "with"; duplicate letters of fake bold are dropped; superscripts join the line
/// they belong to.
/// </summary>
internal static class LineBuilder
{
    private static readonly string[] MathFonts = ["Math", "CMMI", "CMSY", "CMEX", "Symbol", "MTSY", "MTMI", "STIX", "Euclid"];

    private sealed record Glyph(string Value, BoundingBox Box, double Baseline, double Size, bool Bold, bool Math);

    /// <summary>
    /// Lines of horizontal text, split at gaps wider than a column gutter. Words also break at
    /// vertical rules: table cells are often set so tight that only the rule separates them.
    /// </summary>
    public static List<PdfLine> Build(IReadOnlyList<Letter> letters, IReadOnlyList<Rule> rules)
    {
        var verticals = rules.Where(r => !r.Horizontal).ToList();
        var fonts = new Dictionary<string, (bool Bold, bool Math)>(StringComparer.Ordinal);
        var glyphs = letters.Where(l => l.TextOrientation == TextOrientation.Horizontal && l.Value.Length > 0)
            .Select(l => ToGlyph(l, fonts)).ToList();
        var lines = new List<PdfLine>();
        foreach (var row in GroupRows(glyphs))
        {
            foreach (var words in SplitAtGaps(Words(row, verticals)))
            {
                lines.Add(new PdfLine(words));
            }
        }
        return ColumnGutter.Split(lines);
    }

    /// <summary>The text of letters drawn rotated (vertical margins, turned table headings), in drawing order.</summary>
    public static string RotatedText(IReadOnlyList<Letter> letters) =>
        string.Concat(letters.Where(l => l.TextOrientation != TextOrientation.Horizontal).Select(l => l.Value)).Trim();

    // What a font's name says, looked up once per font and page instead of once per letter.
    private static (bool Bold, bool Math) Classify(string font) =>
        (font.Contains("Bold", StringComparison.OrdinalIgnoreCase) || font.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || font.Contains("Heavy", StringComparison.OrdinalIgnoreCase),
         MathFonts.Any(m => font.Contains(m, StringComparison.OrdinalIgnoreCase)));

    private static Glyph ToGlyph(Letter letter, Dictionary<string, (bool Bold, bool Math)> fonts)
    {
        var r = letter.BoundingBox;
        var size = letter.PointSize > 1 ? letter.PointSize : Math.Max(r.Height, 1);
        var font = letter.FontName ?? "";
        if (!fonts.TryGetValue(font, out var named))
        {
            fonts[font] = named = Classify(font);
        }
        var bold = named.Bold || letter.FontDetails?.IsBold == true;
        var math = named.Math;
        // Space glyphs have empty rectangles; their advance is what separates words.
        var left = Math.Min(r.Left, letter.StartBaseLine.X);
        var right = Math.Max(r.Right, letter.EndBaseLine.X);
        if (OutlineUnknown(r, letter, size))
        {
            // A font that is not embedded has no glyph outlines, and PdfPig then gives every glyph
            // the font's whole bounding box (about 2.7 em wide for Arial, starting left of the
            // pen): neighbouring glyphs overlap, so no gap separates two words or two table
            // columns, and glyphs of such a font sort before those of an embedded font drawn to
            // their left ("radiloogical"). The pen's advance is where the glyph really is.
            left = letter.StartBaseLine.X;
            right = Math.Max(letter.EndBaseLine.X, left);
        }
        var box = new BoundingBox(left, Math.Min(r.Bottom, letter.StartBaseLine.Y), right, Math.Max(r.Top, letter.StartBaseLine.Y + size * 0.7));
        return new Glyph(letter.Value, box, letter.StartBaseLine.Y, size, bold, math);
    }

    // A glyph rectangle reaching half an em beyond the pen's advance on either side is not the
    // glyph's outline but the font's bounding box (italic overhangs stay well within that).
    private static bool OutlineUnknown(UglyToad.PdfPig.Core.PdfRectangle r, Letter letter, double size) =>
        letter.EndBaseLine.X > letter.StartBaseLine.X
        && (r.Left < letter.StartBaseLine.X - 0.5 * size || r.Right > letter.EndBaseLine.X + 0.5 * size);

    // Rows by baseline; a cluster of small glyphs just above or below a row (a superscript
    // footnote mark, a subscript) is folded into that row.
    private static List<List<Glyph>> GroupRows(List<Glyph> glyphs)
    {
        var rows = new List<List<Glyph>>();
        foreach (var glyph in glyphs.OrderByDescending(g => g.Baseline))
        {
            var row = rows.Count > 0 ? rows[^1] : null;
            if (row is not null && Math.Abs(row[0].Baseline - glyph.Baseline) <= 0.25 * Math.Max(glyph.Size, row[0].Size))
            {
                row.Add(glyph);
            }
            else
            {
                rows.Add([glyph]);
            }
        }
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            var small = rows[i];
            var size = small.Max(g => g.Size);
            var host = Enumerable.Range(Math.Max(0, i - 1), Math.Min(3, rows.Count - Math.Max(0, i - 1)))
                .Where(j => j != i && rows[j].Max(g => g.Size) > size * 1.15)
                .Select(j => (Index: j, Distance: Math.Abs(rows[j][0].Baseline - small[0].Baseline), Size: rows[j].Max(g => g.Size)))
                .Where(h => h.Distance <= 0.6 * h.Size)
                .OrderBy(h => h.Distance)
                .Select(h => (int?)h.Index)
                .FirstOrDefault();
            if (host is { } j2)
            {
                rows[j2].AddRange(small);
                rows.RemoveAt(i);
            }
        }
        return rows;
    }

    private static List<PdfWord> Words(List<Glyph> row, List<Rule> allVerticals)
    {
        // Only rules that reach this row's baselines can split its words.
        var low = double.MaxValue;
        var high = double.MinValue;
        foreach (var g in row)
        {
            low = Math.Min(low, g.Baseline);
            high = Math.Max(high, g.Baseline);
        }
        var verticals = allVerticals.Count == 0 ? allVerticals : allVerticals.Where(v => v.From <= high + 1 && v.To >= low - 1).ToList();
        var words = new List<PdfWord>();
        var current = new List<Glyph>();
        Glyph? previous = null;
        foreach (var glyph in row.OrderBy(g => g.Box.Left))
        {
            if (previous is not null && glyph.Value == previous.Value && Math.Abs(glyph.Box.Left - previous.Box.Left) < 0.5)
            {
                continue; // drawn twice to look bold
            }
            var blank = string.IsNullOrWhiteSpace(glyph.Value);
            var gap = previous is null ? 0 : glyph.Box.Left - previous.Box.Right;
            if (blank || (current.Count > 0 && (gap > 0.18 * Math.Max(glyph.Size, previous!.Size) || (verticals.Count > 0 && RuleBetween(previous, glyph, verticals)))))
            {
                Flush();
            }
            if (!blank)
            {
                current.Add(glyph);
            }
            previous = glyph;
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Count == 0)
            {
                return;
            }
            var text = string.Concat(current.Select(g => g.Value));
            var box = Boxes.Union(current.Select(g => g.Box));
            var main = current.OrderByDescending(g => g.Size).First();
            words.Add(new PdfWord(text, box, main.Baseline, current.Max(g => g.Size),
                current.Count(g => g.Bold) * 2 > current.Count, current.Count(g => g.Math) * 2 > current.Count));
            current = [];
        }
    }

    private static bool RuleBetween(Glyph a, Glyph b, List<Rule> verticals)
    {
        var from = a.Box.CenterX();
        var to = b.Box.CenterX();
        return verticals.Any(v => v.At > from && v.At < to && v.From <= b.Baseline + 1 && v.To >= b.Baseline - 1);
    }

    // A gap wider than about one and a half em is a column gutter or a table cell boundary,
    // never a space between two words of a sentence.
    private static IEnumerable<List<PdfWord>> SplitAtGaps(List<PdfWord> words)
    {
        var current = new List<PdfWord>();
        foreach (var word in words)
        {
            if (current.Count > 0 && word.Box.Left - current[^1].Box.Right > 1.5 * Math.Max(word.Size, current[^1].Size))
            {
                yield return current;
                current = [];
            }
            current.Add(word);
        }
        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
