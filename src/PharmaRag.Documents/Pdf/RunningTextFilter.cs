using System.Text.RegularExpressions;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Marks running headers and footers: lines near the top or bottom edge whose text, with digits
/// ignored, recurs on many pages ("Page 3 of 30", a drug name and revision date), and lone page
/// numbers there.
/// </summary>
internal static partial class RunningTextFilter
{
    private const double Margin = 0.07;

    public static void Mark(IReadOnlyList<PageLayout> pages)
    {
        var withText = pages.Count(p => p.Lines.Count > 0);
        var threshold = Math.Max(3, (int)Math.Ceiling(0.4 * withText));
        var counts = new Dictionary<string, int>();
        foreach (var page in pages)
        {
            foreach (var key in page.Lines.Where(l => InMargin(page, l)).Select(l => Key(l.Text)).Distinct())
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        foreach (var page in pages)
        {
            foreach (var line in page.Lines.Where(l => InMargin(page, l)))
            {
                line.Running = (withText >= 3 && counts.GetValueOrDefault(Key(line.Text)) >= threshold) || PageNumber().IsMatch(line.Text);
            }
        }
    }

    private static bool InMargin(PageLayout page, PdfLine line) =>
        line.Box.Bottom > page.Height * (1 - Margin) || line.Box.Top < page.Height * Margin;

    private static string Key(string text) => Digits().Replace(text.ToLowerInvariant(), "#").Trim();

    [GeneratedRegex(@"^\s*(page\s*)?[-–]?\s*\d{1,4}\s*[-–]?\s*((of|/)\s*\d{1,4})?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
