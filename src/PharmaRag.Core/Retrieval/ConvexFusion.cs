using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Convex combination of normalised scores (Bruch, Gai, Ingber, "An Analysis of Fusion Functions
/// for Hybrid Retrieval", ACM TOIS 2023): (1 - alpha) * keyword + alpha * vector, each score
/// normalised by its theoretical range (TMM): a lexical score over the list's maximum (its
/// theoretical minimum is 0), a cosine similarity from -1 to 1. Unlike reciprocal rank fusion it
/// keeps the margin: a chunk BM25 puts far ahead is not overtaken by one the vectors rank first
/// by a hair.
/// </summary>
public static class ConvexFusion
{
    /// <summary>
    /// Fuses a keyword ranking (higher-is-better lexical scores, at least 0) with a vector ranking
    /// (cosine similarities). A chunk found by only one list gets the other list's lowest
    /// normalised score.
    /// </summary>
    public static IReadOnlyList<ScoredChunkId> Fuse(IReadOnlyList<ScoredChunkId> keyword, IReadOnlyList<ScoredChunkId> vector, double alpha)
    {
        var keywordMax = keyword.Count == 0 ? 0 : keyword.Max(k => k.Score);
        var keywordScores = Scores(keyword, s => keywordMax > 0 ? Math.Clamp(s / keywordMax, 0, 1) : 0);
        var vectorScores = Scores(vector, s => Math.Clamp((s + 1) / 2, 0, 1));
        var keywordFloor = keywordScores.Count == 0 ? 0 : keywordScores.Values.Min();
        var vectorFloor = vectorScores.Count == 0 ? 0 : vectorScores.Values.Min();
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in keyword.Concat(vector).Select(h => h.ChunkId))
        {
            order.TryAdd(id, order.Count);
        }
        return order.Keys
            .Select(id => new ScoredChunkId(id,
                (1 - alpha) * keywordScores.GetValueOrDefault(id, keywordFloor) + alpha * vectorScores.GetValueOrDefault(id, vectorFloor)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => order[s.ChunkId])
            .ToArray();
    }

    private static Dictionary<string, double> Scores(IReadOnlyList<ScoredChunkId> ranking, Func<double, double> normalise)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, score) in ranking)
        {
            scores.TryAdd(id, normalise(score));
        }
        return scores;
    }
}
