namespace PharmaRag.Bench.Retrieval;

/// <summary>Something whose ranking is measured: a query mode of the product, or the baseline.</summary>
public interface IBenchRetriever
{
    /// <summary>The row name in the report.</summary>
    string Name { get; }

    /// <summary>The best <paramref name="depth"/> chunks, best first, restricted to store documents when given.</summary>
    Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(
        string question, int depth, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);
}
