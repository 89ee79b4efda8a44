using System.Diagnostics;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>Answers questions over the indexed documents in LightRAG's query modes.</summary>
public sealed class RagQueryService(
    ChunkRetriever retriever, GraphRetriever graph, ExtractiveAnswerer answerer, IOptions<RetrievalOptions> options)
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>The modes that run their own retrieval: all of LightRAG's.</summary>
    public static IReadOnlyList<QueryMode> ImplementedModes { get; } =
        [QueryMode.Naive, QueryMode.Local, QueryMode.Global, QueryMode.Hybrid, QueryMode.Mix];

    /// <summary>The ranked chunks a query's answer would be built from.</summary>
    public async Task<IReadOnlyList<SearchHit>> RetrieveAsync(RagQuery query, CancellationToken cancellationToken)
    {
        var k = retriever.ClampTopK(query.TopK);
        var ranked = await RankAsync(query, k, cancellationToken);
        return await retriever.ResolveAsync(ranked.Take(k).ToArray(), cancellationToken);
    }

    private async Task<IReadOnlyList<ScoredChunkId>> RankAsync(RagQuery query, int k, CancellationToken cancellationToken)
    {
        var documents = query.DocumentIds;
        switch (query.Mode)
        {
            case QueryMode.Naive:
                return await retriever.RankAsync(query.Query, k, documents, cancellationToken);
            case QueryMode.Local:
                return await graph.LocalAsync(query.Query, documents, cancellationToken);
            case QueryMode.Global:
                return await graph.GlobalAsync(query.Query, documents, cancellationToken);
            case QueryMode.Hybrid:
                return ReciprocalRankFusion.Fuse(
                [
                    (await graph.LocalAsync(query.Query, documents, cancellationToken), 1.0),
                    (await graph.GlobalAsync(query.Query, documents, cancellationToken), 1.0),
                ]);
            default:
                if (_options.GraphWeight == 0)
                {
                    return await retriever.RankAsync(query.Query, k, documents, cancellationToken);
                }
                return ReciprocalRankFusion.Fuse(
                [
                    (await retriever.RankAsync(query.Query, k, documents, cancellationToken), 1.0),
                    (await graph.LocalAsync(query.Query, documents, cancellationToken), _options.GraphWeight),
                    (await graph.GlobalAsync(query.Query, documents, cancellationToken), _options.GraphWeight),
                ]);
        }
    }

    /// <summary>
    /// As RAG-Anything's aquery_with_multimodal: the items are described, the descriptions join
    /// the question for retrieval and answering, and come back with the answer.
    /// </summary>
    public async Task<(RagAnswer Answer, IReadOnlyList<string> Descriptions)> QueryMultimodalAsync(
        RagQuery query, IReadOnlyList<MultimodalItem> items, MultimodalItemDescriber describer, CancellationToken cancellationToken)
    {
        var descriptions = await describer.DescribeAsync(items, cancellationToken);
        var enhanced = query with { Query = string.Join("\n", descriptions.Prepend(query.Query)) };
        return (await QueryAsync(enhanced, cancellationToken), descriptions);
    }

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
        return new RagAnswer(answer, query.Mode, citations, timings);
    }
}
