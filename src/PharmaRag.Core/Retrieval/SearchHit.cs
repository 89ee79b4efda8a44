using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Retrieval;

/// <summary>A retrieved chunk, the name of its document, and its score (higher is better).</summary>
public sealed record SearchHit(Chunk Chunk, string FileName, double Score);
