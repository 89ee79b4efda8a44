namespace PharmaRag.Core.Storage;

/// <summary>The embedding of one chunk.</summary>
public sealed record ChunkVector(string ChunkId, string DocumentId, ReadOnlyMemory<float> Vector);
