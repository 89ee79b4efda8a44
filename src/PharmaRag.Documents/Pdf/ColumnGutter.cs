namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Splits printed lines at a narrow column gutter. Journals set two justified columns so close
/// that the gap between them (about one em) is no wider than a stretched word space, so a row
/// of letters reads across both columns ("…enhance the thera- while sparing healthy tissue…").
/// A gutter is told by alignment, not width: an x position where many lines of sentence-long
/// text on both sides have a gap, and few lines have a word. Lines crossing it (a title over both
/// columns) are left whole; single-column text never qualifies, because its word spaces do not
/// line up from line to line.
/// </summary>
internal static class ColumnGutter
{
    /// <summary>A gap narrower than this share of the font size is a word space, never a gutter.</summary>
    private const double MinGapEm = 0.8;

    /// <summary>Each side of a supporting line holds at least this many ems of text: sentences, not table cells.</summary>
    private const double MinSideEm = 12;

    /// <summary>At least this many lines must agree on the gutter.</summary>
    private const int MinSupport = 5;

    private const int MaxGutters = 2;

    public static List<PdfLine> Split(List<PdfLine> lines)
    {
        for (var round = 0; round < MaxGutters; round++)
        {
            if (Find(lines) is not { } gutter)
            {
                break;
            }
            lines = lines.SelectMany(line => SplitAt(line, gutter)).ToList();
        }
        return lines;
    }

    private static double? Find(List<PdfLine> lines)
    {
        var candidates = new List<double>();
        foreach (var line in lines)
        {
            for (var i = 1; i < line.Words.Count; i++)
            {
                if (IsGutterGap(line, i))
                {
                    candidates.Add((line.Words[i - 1].Box.Right + line.Words[i].Box.Left) / 2);
                }
            }
        }
        double? best = null;
        var bestSupport = 0;
        foreach (var x in candidates.Select(c => Math.Round(c)).Distinct())
        {
            var support = 0;
            var crossing = 0;
            foreach (var line in lines)
            {
                if (line.Box.Left >= x || line.Box.Right <= x)
                {
                    continue;
                }
                if (line.Words.Any(w => w.Box.Left < x && w.Box.Right > x))
                {
                    crossing++;
                }
                else if (SupportsAt(line, x))
                {
                    support++;
                }
            }
            if (support >= MinSupport && support >= 3 * crossing && support > bestSupport)
            {
                (best, bestSupport) = (x, support);
            }
        }
        return best;
    }

    private static bool IsGutterGap(PdfLine line, int i) =>
        line.Words[i].Box.Left - line.Words[i - 1].Box.Right >= MinGapEm * Math.Max(line.Words[i].Size, line.Words[i - 1].Size);

    // A line with a gutter-wide gap at x and a sentence's width of text on each side.
    private static bool SupportsAt(PdfLine line, double x)
    {
        var split = line.Words.Count(w => w.Box.Right <= x);
        if (split == 0 || split == line.Words.Count || !IsGutterGap(line, split))
        {
            return false;
        }
        var left = line.Words[split - 1].Box.Right - line.Words[0].Box.Left;
        var right = line.Words[^1].Box.Right - line.Words[split].Box.Left;
        return left >= MinSideEm * line.Size && right >= MinSideEm * line.Size;
    }

    private static IEnumerable<PdfLine> SplitAt(PdfLine line, double x)
    {
        var split = line.Words.Count(w => w.Box.Right <= x);
        if (split == 0 || split == line.Words.Count || line.Words[split - 1].Box.Right > x || line.Words[split].Box.Left < x
            || !IsGutterGap(line, split))
        {
            return [line];
        }
        return [new PdfLine(line.Words.Take(split).ToList()), new PdfLine(line.Words.Skip(split).ToList())];
    }
}
