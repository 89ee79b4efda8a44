using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>What one page holds after the first pass: its lines, ruled tables and images.</summary>
internal sealed class PageLayout
{
    public required int Number { get; init; }
    public required double Width { get; init; }
    public required double Height { get; init; }
    public required List<PdfLine> Lines { get; init; }
    public required List<PdfTable> Tables { get; init; }
    public required List<LayoutItem> Images { get; init; }
    /// <summary>The page's drawn horizontal rules (a borderless table's header rule is one).</summary>
    public IReadOnlyList<Rule> HorizontalRules { get; init; } = [];
    /// <summary>Text drawn rotated, kept so that a page of only rotated text is not reported empty.</summary>
    public string RotatedText { get; init; } = "";

    /// <summary>True when the page has a text layer (in lines, tables or rotated text).</summary>
    public required bool HasText { get; init; }

    public BoundingBox Box => new(0, 0, Width, Height);
}
