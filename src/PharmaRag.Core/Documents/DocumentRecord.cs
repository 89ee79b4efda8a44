namespace PharmaRag.Core.Documents;

/// <summary>
/// One ingested document. The id is the SHA-256 of its bytes, so uploading the same bytes twice
/// names the same document.
/// </summary>
public sealed record DocumentRecord
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required string FileName { get; init; }
    public required string MediaType { get; init; }
    public long SizeBytes { get; init; }
    public DocumentStatus Status { get; init; } = DocumentStatus.Pending;
    /// <summary>The pipeline step that is running, or that failed.</summary>
    public string? Step { get; init; }
    /// <summary>Fraction of the current document done, 0..1, for progress displays.</summary>
    public double Progress { get; init; }
    public int Pages { get; init; }
    public int Chunks { get; init; }
    public string? Error { get; init; }
    /// <summary>Steps still running in the background after the document became searchable (e.g. embedding, graph).</summary>
    public IReadOnlyList<string> PendingSteps { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
