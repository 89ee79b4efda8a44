using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>A paragraph, table, image or equation on a page while the page is being laid out.</summary>
internal sealed class LayoutItem
{
    public required BlockKind Kind { get; set; }
    public int Page { get; set; }
    public required BoundingBox Box { get; set; }
    public List<PdfLine> Lines { get; init; } = [];
    public PdfTable? Table { get; set; }
    public string? Caption { get; set; }
    public List<string> Footnotes { get; } = [];
    public BlockImage? Image { get; set; }
    public string? OcrText { get; set; }
    /// <summary>Text not laid out in lines (a page of only rotated text).</summary>
    public string? RawText { get; init; }
    public int? HeadingLevel { get; set; }
    public string? Section { get; set; }
    /// <summary>The page of each table row once a table continued on the next page is joined.</summary>
    public List<int> RowPages { get; set; } = [];

    /// <summary>How much content the item holds, in lines: weighs the evidence for a column gutter.</summary>
    public int Weight => Kind == BlockKind.Table ? Table!.Rows.Length : Math.Max(1, Lines.Count);

    public double Size => Lines.Count > 0 ? Lines.Select(l => l.Size).Order().ElementAt(Lines.Count / 2) : Table?.Size ?? 0;

    public string PlainText => string.Join(' ', Lines.Select(l => l.Text));

    public static LayoutItem Paragraph(List<PdfLine> lines) =>
        new() { Kind = BlockKind.Text, Box = Boxes.Union(lines.Select(l => l.Box)), Lines = lines };
}
