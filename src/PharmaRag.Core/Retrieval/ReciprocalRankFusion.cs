using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Reciprocal rank fusion (Cormack et al. 2009): each list adds weight / (k + rank) for an item,
/// so items ranked well by several retrievers rise, whatever the scale of their scores.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public static IReadOnlyList<ScoredChunkId> Fuse(IEnumerable<(IReadOnlyList<ScoredChunkId> Ranking, double Weight)> rankings, int k = DefaultK) =>
        FuseRanked(rankings.Select(r => ((IReadOnlyList<RankedChunkId>)r.Ranking.Select((h, rank) => new RankedChunkId(h.ChunkId, rank, h.Score)).ToArray(), r.Weight)), k);

    /// <summary>
    /// The same over rankings whose items carry their rank (0 first), so a ranking may leave a rank
    /// empty or give two items one rank (<see cref="TableImputation"/>). Items in ascending rank order.
    /// Equal fused scores go to the earlier list, then the better rank there, then the chunk id (<see cref="ChunkOrder"/>).
    /// </summary>
    public static IReadOnlyList<ScoredChunkId> FuseRanked(IEnumerable<(IReadOnlyList<RankedChunkId> Ranking, double Weight)> rankings, int k = DefaultK)
    {
        // Each item's fused score and its first place: the first list that ranks it, its rank there.
        var fused = new Dictionary<string, (double Score, int List, int Rank)>(StringComparer.Ordinal);
        var list = 0;
        foreach (var (ranking, weight) in rankings)
        {
            foreach (var (id, rank, _) in ranking)
            {
                fused[id] = fused.TryGetValue(id, out var seen)
                    ? seen with { Score = seen.Score + weight / (k + rank + 1) }
                    : (weight / (k + rank + 1), list, rank);
            }
            list++;
        }
        // Equal fused scores go to the item an earlier list ranks (the library-wide keyword ranking
        // comes first), then the better rank there, then the chunk id (ChunkOrder): never to the
        // order items were listed or indexed in. Putting the chunk id before the list (an arbitrary
        // order) moved 11 of the six bench sets' questions, 7 of them down (R@1 -5).
        return fused
            .OrderByDescending(f => f.Value.Score)
            .ThenBy(f => f.Value.List)
            .ThenBy(f => f.Value.Rank)
            .ThenBy(f => f.Key, ChunkOrder.Ids)
            .Select(f => new ScoredChunkId(f.Key, f.Value.Score))
            .ToArray();
    }
}
