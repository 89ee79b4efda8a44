namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Content that comes with a question (RAG-Anything's multimodal_content): a table, an equation
/// or an image, each with an optional caption.
/// </summary>
public sealed record MultimodalItem(string Type)
{
    /// <summary>Table rows, one per line, cells separated by commas, tabs or '|' (first line: headers).</summary>
    public string? TableData { get; init; }
    public string? TableCaption { get; init; }
    public string? Latex { get; init; }
    public string? EquationCaption { get; init; }
    public byte[]? Image { get; init; }
    public string? ImageCaption { get; init; }
}
