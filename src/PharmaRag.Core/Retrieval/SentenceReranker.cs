using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// The offline second stage: reorders the first <see cref="Pool"/> retrieved chunks by their best
/// sentence (or table row read under its headings), fused by reciprocal rank with the first-stage
/// order. A chunk ranks high when one of its sentences holds the question's content words together
/// (the fact), not when it repeats the words that name the document (a title page, a table of
/// contents). It needs no model and runs in a few milliseconds. It reorders passages of long
/// documents only (see <see cref="DocumentRouter.LongDocumentChunks"/>).
/// </summary>
public static class SentenceReranker
{
    /// <summary>How many first-stage chunks are reordered; the rest keep their order after them.</summary>
    public const int Pool = 100;

    /// <summary>The weight left to a chunk of the other criteria list than the one the question asks about.</summary>
    public const double OtherCriteriaWeight = 0.5;

    public static IReadOnlyList<SearchHit> Rerank(string question, IReadOnlyList<SearchHit> hits, int topK)
    {
        var pool = hits.Take(Pool).ToArray();
        var focus = QuestionFocus.Of(question);
        // Short documents (abstracts, snippets) are one passage each: BM25 over the whole passage
        // ranks them better than their best sentence does (see DocumentRouter.LongDocumentChunks).
        var fromLong = pool.Count(h => h.DocumentChunks >= DocumentRouter.LongDocumentChunks);
        if (pool.Length < 2 || focus.Terms.Count == 0 || 2 * fromLong < pool.Length)
        {
            return hits.Take(topK).ToArray();
        }
        // A sentence using one side of an acronym its document defines holds the side the question spells.
        var equivalents = AcronymEquivalents.Of(question, pool);
        var chunkSentences = pool.Select(h => Sentences(h).Select(s => equivalents.Widen(h.Chunk.DocumentId, s)).ToArray()).ToArray();
        var chunkFrequency = focus.Terms.ToDictionary(
            t => t, t => chunkSentences.Count(sentences => sentences.Any(s => s.Terms.Contains(t))), StringComparer.Ordinal);
        var weight = focus.Terms.ToDictionary(
            t => t, t => Math.Log(1 + (double)pool.Length / (1 + chunkFrequency[t])), StringComparer.Ordinal);
        var names = NameWords.Of(question);
        var identities = pool.GroupBy(h => h.Chunk.DocumentId).ToDictionary(g => g.Key, g => DocumentIdentity.Of(g));
        var naming = identities.ToDictionary(
            d => d.Key, d => focus.Terms.Where(t => names.Contains(t) && d.Value.Contains(t)).ToHashSet(StringComparer.Ordinal));

        var sentenceScores = pool.Select((hit, i) =>
        {
            // A table of contents names every section and states nothing.
            if (ContentsListing.Is(hit.Chunk))
            {
                return 0;
            }
            var named = naming[hit.Chunk.DocumentId];
            var content = focus.Terms.Where(t => !named.Contains(t)).ToArray();
            var headings = TableRowStatement.Headers(hit.Chunk.Text).SelectMany(h => h).SelectMany(TermAnalyzer.Terms).ToHashSet(StringComparer.Ordinal);
            var best = chunkSentences[i].Select(s => SentenceMatch.Score(s.Text, s.Terms, headings, content, weight, focus, named.Count > 0 ? identities[hit.Chunk.DocumentId] : [])).DefaultIfEmpty(0).Max();
            // An inclusion question is not answered by the exclusion list, nor the reverse, however
            // many of its words that list repeats ("at least 50 years of age" against "within the
            // last 5 years").
            if (focus.Criterion != CriterionSide.None
                && QuestionFocus.SideOf(hit.Chunk.SectionPath) is var side && side != CriterionSide.None && side != focus.Criterion)
            {
                best *= OtherCriteriaWeight;
            }
            // The words that name the document count for every chunk of it.
            return best + named.Sum(t => weight[t]);
        }).ToArray();

        LeadIn(pool, sentenceScores);
        var bySentence = Enumerable.Range(0, pool.Length).OrderByDescending(i => sentenceScores[i]).ThenBy(i => i).ToArray();
        var fused = new double[pool.Length];
        for (var rank = 0; rank < pool.Length; rank++)
        {
            fused[rank] += 1.0 / (ReciprocalRankFusion.DefaultK + rank + 1);
            fused[bySentence[rank]] += 1.0 / (ReciprocalRankFusion.DefaultK + rank + 1);
        }
        return Enumerable.Range(0, pool.Length).OrderByDescending(i => fused[i]).ThenBy(i => i)
            .Select(i => pool[i] with { Score = fused[i] })
            .Concat(hits.Skip(Pool))
            .Take(topK)
            .ToArray();
    }

    // A heading or table caption cut off as a chunk of its own states nothing; the chunk under it
    // (the next of its document that is not itself such a lead-in) is read with its words.
    private static void LeadIn(SearchHit[] pool, double[] scores)
    {
        var at = new Dictionary<(string, int), int>();
        for (var i = 0; i < pool.Length; i++)
        {
            at.TryAdd((pool[i].Chunk.DocumentId, pool[i].Chunk.Ordinal), i);
        }
        for (var i = 0; i < pool.Length; i++)
        {
            var chunk = pool[i].Chunk;
            if (chunk.Tokens >= DocumentTermIndex.LeadInTokens || chunk.Kind != Content.BlockKind.Text || scores[i] <= 0)
            {
                continue;
            }
            for (var step = 1; step <= DocumentTermIndex.MaxLeadIn; step++)
            {
                if (at.TryGetValue((chunk.DocumentId, chunk.Ordinal + step), out var next)
                    && pool[next].Chunk.Tokens >= DocumentTermIndex.LeadInTokens)
                {
                    scores[next] = Math.Max(scores[next], scores[i]);
                    break;
                }
            }
        }
    }

    // Sentences of a chunk that could state a fact: no table header rows, no contents lines.
    private static IEnumerable<ChunkSentences.Sentence> Sentences(SearchHit hit) =>
        ChunkSentences.Of(hit.Chunk)
            .Where(s => !s.Text.Contains("....", StringComparison.Ordinal)
                && !hit.Chunk.Text.AsSpan(s.Start + s.Text.Length).TrimStart(' ').StartsWith("\n| ---", StringComparison.Ordinal));
}
