using System.Diagnostics;

namespace PharmaRag.Core.Retrieval;

/// <summary>Answers questions over the indexed documents.</summary>
public sealed class RagQueryService(ChunkRetriever retriever, ExtractiveAnswerer answerer)
{
    public async Task<RagAnswer> QueryAsync(RagQuery query, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        // Until the knowledge graph exists every mode retrieves chunks; the answer reports the
        // mode that actually ran rather than the one asked for.
        var hits = await retriever.SearchAsync(query.Query, query.TopK, query.DocumentIds, cancellationToken);
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
