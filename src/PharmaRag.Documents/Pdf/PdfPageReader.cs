using PharmaRag.Core.Content;
using UglyToad.PdfPig.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>First pass over a page: lines, ruled tables (their words taken out of the lines) and images.</summary>
internal static class PdfPageReader
{
    public static PageLayout Read(Page page, int number)
    {
        var letters = page.Letters;
        var rules = RuleExtractor.Extract(page);
        var lines = LineBuilder.Build(letters, rules);
        var tables = RuledTableDetector.Detect(rules, lines.SelectMany(l => l.Words).ToList());
        if (tables.Count > 0)
        {
            lines = lines
                .Select(l => l.Words.Where(w => !tables.Any(t => t.Box.Contains(w.Box.CenterX(), w.Box.CenterY()))).ToList())
                .Where(words => words.Count > 0)
                .Select(words => new PdfLine(words))
                .ToList();
        }
        return new PageLayout
        {
            Number = number,
            Width = page.Width,
            Height = page.Height,
            Lines = lines,
            Tables = tables,
            Images = PdfImages.Extract(page),
            RotatedText = LineBuilder.RotatedText(letters),
            HasText = letters.Any(l => !string.IsNullOrWhiteSpace(l.Value)),
        };
    }
}
