using System.Diagnostics;

namespace PharmaRag.Core.Retrieval;

/// <summary>Answers questions over the indexed documents.</summary>
public sealed class RagQueryService(ChunkRetriever retriever, ExtractiveAnswerer answerer)
{
    /// <summary>
    /// The modes that run their own retrieval. Until the knowledge graph exists every requested
    /// mode runs chunk retrieval, and answers report that mode rather than the one asked for.
    /// </summary>
    public static IReadOnlyList<QueryMode> ImplementedModes { get; } = [QueryMode.Naive];

    /// <summary>The ranked chunks a query's answer would be built from.</summary>
    public Task<IReadOnlyList<SearchHit>> RetrieveAsync(RagQuery query, CancellationToken cancellationToken) =>
        retriever.SearchAsync(query.Query, query.TopK, query.DocumentIds, cancellationToken);

    public async Task<RagAnswer> QueryAsync(RagQuery query, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var hits = await RetrieveAsync(query, cancellationToken);
        var retrievalMs = total.Elapsed.TotalMilliseconds;
        var (answer, citations) = answerer.Answer(query.Query, hits);
        var timings = new Dictionary<string, double>
        {
            ["retrieval"] = Math.Round(retrievalMs, 2),
            ["answer"] = Math.Round(total.Elapsed.TotalMilliseconds - retrievalMs, 2),
            ["total"] = Math.Round(total.Elapsed.TotalMilliseconds, 2),
        };
        return new RagAnswer(answer, QueryMode.Naive, citations, timings);
    }
}
