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

    /// <summary>How far apart, in points, the starts of a column's lines may be and still share its margin.</summary>
    private const double MarginTolerance = 2;

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
            var reaching = lines.Where(line => line.Box.Left < x && line.Box.Right > x).ToList();
            var supporting = reaching.Where(line => SupportsAt(line, x)).ToList();
            if (supporting.Count < MinSupport || supporting.Count <= bestSupport || !SecondColumnAligned(supporting, x))
            {
                continue;
            }
            // Only lines among the columns count against them: a table or a full-width block of
            // footnotes above or below two-column text does not make its gutter less of a gutter.
            var top = supporting.Max(l => l.Baseline);
            var bottom = supporting.Min(l => l.Baseline);
            var crossing = reaching.Count(line => line.Baseline <= top && line.Baseline >= bottom
                && line.Words.Any(w => w.Box.Left < x && w.Box.Right > x));
            if (supporting.Count >= 3 * crossing)
            {
                (best, bestSupport) = (x, supporting.Count);
            }
        }
        return best;
    }

    // The second column starts at one margin: at least MinSupport of the lines start their
    // right-hand text within a couple of points of each other. Spaces that happen to line up in
    // single-column text are followed by words starting anywhere.
    private static bool SecondColumnAligned(List<PdfLine> supporting, double x)
    {
        var starts = supporting.Select(line => line.Words.First(w => w.Box.Left >= x).Box.Left).Order().ToArray();
        for (int i = 0, j = 0; j < starts.Length; j++)
        {
            while (starts[j] - starts[i] > MarginTolerance)
            {
                i++;
            }
            if (j - i + 1 >= MinSupport)
            {
                return true;
            }
        }
        return false;
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
