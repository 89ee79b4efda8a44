using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Storage;

/// <summary>Full-text (BM25) search over chunks.</summary>
public interface IKeywordIndex
{
    Task IndexAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken);
    Task RemoveAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken);
    Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>The best chunks for a query, best first; restricted to documents when given.</summary>
    Task<IReadOnlyList<ScoredChunkId>> SearchAsync(
        string query, int topK, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);
}
