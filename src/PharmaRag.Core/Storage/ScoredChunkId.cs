namespace PharmaRag.Core.Storage;

/// <summary>A search hit: a chunk id and a score where higher is better.</summary>
public readonly record struct ScoredChunkId(string ChunkId, double Score);
