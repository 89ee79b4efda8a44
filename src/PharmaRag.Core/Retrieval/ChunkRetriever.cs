using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>Ranks chunks for a query (keywords and vectors) and resolves ranked ids to text and provenance.</summary>
public sealed class ChunkRetriever(
    IKeywordIndex keywords, IVectorIndex vectors, ChunkEmbedder embedder, IRagStore store, IOptions<RetrievalOptions> options)
{
    /// <summary>
    /// How much the ranking inside a document the question names counts beside the library-wide
    /// one. Measured on the development set with the within-document ranking by the document's own
    /// statistics (DocumentTermIndex): 1 gave recall@1 0.607, recall@5 0.907; 2 gave 0.586, 0.907.
    /// </summary>
    public const double RoutedWeight = 1.0;

    /// <summary>How many times the usual candidate pool a question routed to a document gets.</summary>
    public const int RoutedPool = 2;

    private readonly RetrievalOptions _options = options.Value;
    private readonly DocumentRouter _router = new(store);
    private readonly DocumentTermIndexes _documentIndexes = new(store);

    public int ClampTopK(int? topK) => Math.Clamp(topK ?? _options.DefaultTopK, 1, _options.MaxTopK);

    /// <summary>
    /// Keyword (BM25) and vector candidates fused by reciprocal rank. When the question names a
    /// document (<see cref="DocumentRouter"/>), the keyword ranking inside that document, without the
    /// naming words, joins the fusion: the chunk stating the fact outranks the title page.
    /// </summary>
    public async Task<IReadOnlyList<ScoredChunkId>> RankAsync(
        string query, int topK, IReadOnlyCollection<string>? documentIds, QueryChunks? chunks, CancellationToken cancellationToken)
    {
        var pool = Math.Max(3 * topK, 50);
        chunks ??= new QueryChunks(store);
        var lexical = await LexicalRankingsAsync(query, pool, documentIds, chunks, cancellationToken);
        var keywordHits = lexical.Count == 1 ? lexical[0].Ranking : ReciprocalRankFusion.Fuse(lexical).Take(RoutedPool * pool).ToArray();
        var fusion = _options.Fusion;
        var vectorWeight = _options.VectorWeightFor(embedder.IsLexicalOnly);
        if (vectorWeight == 0)
        {
            return keywordHits;
        }
        var vectorHits = await vectors.SearchAsync(await embedder.EmbedQueryAsync(query, cancellationToken), pool, documentIds, cancellationToken);
        // Tables are not judged by their vector rank (TableImputation). The kinds come from the
        // chunks of the pool, read once per query and shared with ResolveAsync.
        var read = await chunks.GetAsync(keywordHits.Concat(vectorHits).Select(h => h.ChunkId), cancellationToken);
        bool IsTable(string id) => read.TryGetValue(id, out var chunk) && chunk.Kind == BlockKind.Table;
        var vectorSide = TableImputation.VectorSide(keywordHits, vectorHits, IsTable);
        return fusion switch
        {
            // The keyword side carries BM25's score, so a chunk BM25 puts far ahead keeps its lead.
            // When the question is also ranked inside the documents it names, those lists' scores
            // come from other statistics (each document's own) and are fused by rank, so the keyword
            // side carries that fused score: the weighted mean of the lists' normalised scores
            // lowered the development set (bench/reports/2026-12-02-issue14-fusion-s31.md).
            FusionMethod.Convex => ConvexFusion.Fuse(keywordHits, vectorSide.Select(v => new ScoredChunkId(v.ChunkId, v.Score)).ToArray(), vectorWeight),
            // When the question names documents, the vector ranking is one list beside each lexical
            // one (library-wide, inside each named document), not set against their fused ranking:
            // inside one document, whose chunks share its topic, a sentence embedding separates the
            // chunks less well than the document's own term statistics, and a chunk both lexical
            // lists put first keeps the lead their agreement gives it.
            _ => FuseByRank(lexical, _options.KeywordWeight, vectorSide, vectorWeight),
        };
    }

    /// <summary>
    /// Reciprocal rank fusion of the lexical rankings (each weighted by its own weight times
    /// <paramref name="keywordWeight"/>) and the vector side, all as lists of one fusion.
    /// </summary>
    public static IReadOnlyList<ScoredChunkId> FuseByRank(
        IReadOnlyList<(IReadOnlyList<ScoredChunkId> Ranking, double Weight)> lexical, double keywordWeight,
        IReadOnlyList<RankedChunkId> vectorSide, double vectorWeight) =>
        ReciprocalRankFusion.FuseRanked(lexical.Select(l => (Ranked(l.Ranking), keywordWeight * l.Weight)).Append((vectorSide, vectorWeight)));

    private static IReadOnlyList<RankedChunkId> Ranked(IReadOnlyList<ScoredChunkId> ranking) =>
        ranking.Select((h, rank) => new RankedChunkId(h.ChunkId, rank, h.Score)).ToArray();

    /// <summary>The library-wide keyword ranking, then the rankings inside the documents the question names, with their weights.</summary>
    private async Task<IReadOnlyList<(IReadOnlyList<ScoredChunkId> Ranking, double Weight)>> LexicalRankingsAsync(
        string query, int pool, IReadOnlyCollection<string>? documentIds, QueryChunks chunks, CancellationToken cancellationToken)
    {
        var keywordHits = await keywords.SearchAsync(query, pool, documentIds, cancellationToken);
        // Lay words also search for the clinical words of labels and protocols ("pregnant":
        // pregnancy). Abstracts and snippets (short documents) are searched by the question's own
        // words: there the added words only dilute BM25's ranking.
        var expanded = LayTerms.Expand(query);
        if (!string.Equals(expanded, query, StringComparison.Ordinal) && await _router.MostlyLongAsync(keywordHits, cancellationToken))
        {
            keywordHits = await keywords.SearchAsync(expanded, pool, documentIds, cancellationToken);
        }
        // A question scoped to one or two documents is ranked inside each as if it had named it
        // (the remdesivir questions say "its" for the drug). Measured on the development set with
        // each question scoped to its document (bench qa --scoped): the within-document ranking at
        // weight 1 beside the scoped keyword ranking gave recall@1 0.621, recall@5 0.950; at
        // weight 2, 0.579 and 0.936; alone (no keyword ranking), 0.536 and 0.914.
        var routes = documentIds is { Count: > 0 and <= DocumentRouter.MaxRoutes }
            ? await _router.ScopedAsync(query, documentIds, cancellationToken)
            : await _router.RouteAsync(query, keywordHits, chunks, cancellationToken);
        if (routes.Count == 0)
        {
            return [(keywordHits, 1.0)];
        }
        var rankings = new List<(IReadOnlyList<ScoredChunkId>, double)> { (keywordHits, 1.0) };
        foreach (var route in routes.Where(r => r.QueryWithin.Length > 0))
        {
            // Inside a long document the question's common words ("patients", "randomized") weigh
            // little by the library's BM25 statistics, and every chunk's indexed header repeats the
            // title: the document is ranked by its own statistics over its chunks' section paths
            // and text (DocumentTermIndex), and the second stage (SentenceReranker) reads twice as
            // many of its chunks by their sentences.
            var index = await _documentIndexes.GetAsync(route.DocumentId, route.Chunks, cancellationToken);
            // A protocol defines "clinical research unit (CRU)" once and then says "CRU": the
            // question's long form also searches for the acronym the document defines, and its
            // acronym for the long form (definitions collected when the index is built).
            var within = index.Search(
                TermAnalyzer.Terms(LayTerms.Expand(route.QueryWithin) + " " + index.Acronyms.Additions(query)), route.Title, RoutedPool * pool);
            rankings.Add((within, RoutedWeight * route.Weight / routes[0].Weight));
        }
        return rankings;
    }

    /// <summary>A cache of the chunks one query reads, for <see cref="RankAsync"/> and <see cref="ResolveAsync"/> to share.</summary>
    public QueryChunks NewQueryChunks() => new(store);

    /// <summary>Loads ranked chunks with their document names, dropping any deleted meanwhile.</summary>
    public async Task<IReadOnlyList<SearchHit>> ResolveAsync(
        IReadOnlyList<ScoredChunkId> ranked, QueryChunks? loaded, CancellationToken cancellationToken)
    {
        if (ranked.Count == 0)
        {
            return [];
        }
        var all = await (loaded ?? new QueryChunks(store)).GetAsync(ranked.Select(r => r.ChunkId), cancellationToken);
        var chunks = ranked.Select(r => all.GetValueOrDefault(r.ChunkId)).OfType<Chunk>().DistinctBy(c => c.Id).ToDictionary(c => c.Id);
        var documents = (await store.GetDocumentsAsync(chunks.Values.Select(c => c.DocumentId).Distinct().ToArray(), cancellationToken))
            .ToDictionary(d => d.Id);
        var hits = new List<SearchHit>(ranked.Count);
        foreach (var (chunkId, score) in ranked)
        {
            // A chunk or document removed between the index read and this one is skipped.
            if (chunks.TryGetValue(chunkId, out var chunk) && documents.TryGetValue(chunk.DocumentId, out var document))
            {
                hits.Add(new SearchHit(chunk, document.FileName, score) { DocumentChunks = document.Chunks });
            }
        }
        return hits;
    }
}
