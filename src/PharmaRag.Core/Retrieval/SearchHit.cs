using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Retrieval;

/// <summary>A retrieved chunk, the name of its document, and its score (higher is better).</summary>
public sealed record SearchHit(Chunk Chunk, string FileName, double Score)
{
    /// <summary>How many chunks the hit's document has (0 when not known).</summary>
    public int DocumentChunks { get; init; }
}
