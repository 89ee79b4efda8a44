namespace PharmaRag.Core.Retrieval;

/// <summary>Reorders retrieved chunks by a cross-encoder or rerank service's relevance to the query.</summary>
public interface IReranker
{
    /// <summary>The best <paramref name="topK"/> of <paramref name="hits"/>, best first.</summary>
    Task<IReadOnlyList<SearchHit>> RerankAsync(string query, IReadOnlyList<SearchHit> hits, int topK, CancellationToken cancellationToken);
}
