using PharmaRag.Core.Documents;

namespace PharmaRag.Core.Storage;

/// <summary>A change of a document's status; null fields keep their stored value.</summary>
public sealed record DocumentStatusUpdate(DocumentStatus Status)
{
    public string? Step { get; init; }
    public double? Progress { get; init; }
    public int? Pages { get; init; }
    public int? Chunks { get; init; }
    /// <summary>The failure reason; cleared when the status is not Failed.</summary>
    public string? Error { get; init; }
    /// <summary>The background steps still to run (replaces the stored list; empty clears it).</summary>
    public IReadOnlyList<string>? PendingSteps { get; init; }
}
