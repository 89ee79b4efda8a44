namespace PharmaRag.Core.Content;

/// <summary>One item of a parsed document, always tied to the page it came from.</summary>
public sealed record ContentBlock
{
    public BlockKind Kind { get; init; } = BlockKind.Text;
    /// <summary>1-based page number.</summary>
    public required int Page { get; init; }
    public BoundingBox? Box { get; init; }
    public required string Text { get; init; }
    /// <summary>Heading level (1 = top) when the block is a heading.</summary>
    public int? HeadingLevel { get; init; }
    /// <summary>The section path the block sits in, for example "2 DOSAGE AND ADMINISTRATION".</summary>
    public string? Section { get; init; }
}
