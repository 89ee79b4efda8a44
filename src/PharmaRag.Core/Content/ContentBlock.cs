namespace PharmaRag.Core.Content;

/// <summary>
/// One item of a parsed document (RAG-Anything's content list entry), always tied to the page it
/// came from. <see cref="Text"/> is always filled so that text-only consumers see every block:
/// a table's markdown, an image's caption and OCR text, an equation's text.
/// </summary>
public sealed record ContentBlock
{
    public BlockKind Kind { get; init; } = BlockKind.Text;
    /// <summary>1-based page number (the first page for a table continued across pages).</summary>
    public required int Page { get; init; }
    public BoundingBox? Box { get; init; }
    public required string Text { get; init; }
    /// <summary>Heading level (1 = top) when the block is a heading.</summary>
    public int? HeadingLevel { get; init; }
    /// <summary>The section path the block sits in, for example "2 DOSAGE AND ADMINISTRATION > 2.4 Dosage in Renal Impairment".</summary>
    public string? Section { get; init; }
    /// <summary>The cells of a <see cref="BlockKind.Table"/> block.</summary>
    public TableContent? Table { get; init; }
    /// <summary>Caption of an image or equation ("Figure 2. ...").</summary>
    public string? Caption { get; init; }
    /// <summary>Notes printed under an image.</summary>
    public string? Footnote { get; init; }
    /// <summary>Text recognised in an image, or on a scanned page, by OCR.</summary>
    public string? OcrText { get; init; }
    /// <summary>An equation in LaTeX, when the source gives one.</summary>
    public string? Latex { get; init; }
    /// <summary>The encoded image of an <see cref="BlockKind.Image"/> block, when it could be extracted.</summary>
    public BlockImage? Image { get; init; }
    /// <summary>
    /// A retrievable description of a non-text block, written by an <see cref="IBlockDescriber"/>
    /// between parsing and chunking.
    /// </summary>
    public string? Description { get; init; }
}
