namespace PharmaRag.Core.Storage;

/// <summary>Nearest-neighbour search over chunk embeddings (unit vectors, cosine similarity).</summary>
public interface IVectorIndex
{
    Task UpsertAsync(IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken);
    Task RemoveAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken);
    Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>The chunks nearest to <paramref name="query"/>, best first; restricted to documents when given.</summary>
    Task<IReadOnlyList<ScoredChunkId>> SearchAsync(
        ReadOnlyMemory<float> query, int topK, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);

    /// <summary>Number of vectors indexed.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Persists any in-memory index structure so that the next start need not rebuild it.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
