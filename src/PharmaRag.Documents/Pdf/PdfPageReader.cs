using PharmaRag.Core.Content;
using UglyToad.PdfPig.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>First pass over a page: lines, ruled tables (their words taken out of the lines) and images.</summary>
internal static class PdfPageReader
{
    private const int TextOverFigure = 3;

    public static PageLayout Read(Page page, int number) => Read(page, number, page.Letters);

    /// <summary>The page read from <paramref name="letters"/> (the page's letters, some repaired) instead of PdfPig's own.</summary>
    public static PageLayout Read(Page page, int number, IReadOnlyList<Letter> letters)
    {
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
        var images = PdfImages.Extract(page);
        foreach (var image in images.Where(i => i.Image is { WorthOcr: true }))
        {
            // Words of the text layer over a figure (a chart's labels) are already read.
            var wordsOver = lines.SelectMany(l => l.Words).Count(w => Contains(image.Box, w.Box))
                + tables.Count(t => Contains(image.Box, t.Box)) * TextOverFigure;
            if (wordsOver >= TextOverFigure)
            {
                image.Image = image.Image! with { WorthOcr = false };
            }
        }
        return new PageLayout
        {
            Number = number,
            Width = page.Width,
            Height = page.Height,
            Lines = lines,
            Tables = tables,
            Images = images,
            HorizontalRules = rules.Where(r => r.Horizontal).ToList(),
            RotatedText = LineBuilder.RotatedText(letters),
            HasText = letters.Any(l => !string.IsNullOrWhiteSpace(l.Value)),
        };
    }

    private static bool Contains(BoundingBox outer, BoundingBox inner) =>
        outer.Left <= inner.CenterX() && inner.CenterX() <= outer.Right && outer.Bottom <= inner.CenterY() && inner.CenterY() <= outer.Top;
}
