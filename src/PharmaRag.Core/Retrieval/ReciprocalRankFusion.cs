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
    /// </summary>
    public static IReadOnlyList<ScoredChunkId> FuseRanked(IEnumerable<(IReadOnlyList<RankedChunkId> Ranking, double Weight)> rankings, int k = DefaultK)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (ranking, weight) in rankings)
        {
            foreach (var (id, rank, _) in ranking)
            {
                scores[id] = scores.GetValueOrDefault(id) + weight / (k + rank + 1);
                firstSeen.TryAdd(id, firstSeen.Count);
            }
        }
        return scores
            .OrderByDescending(s => s.Value)
            .ThenBy(s => firstSeen[s.Key])
            .Select(s => new ScoredChunkId(s.Key, s.Value))
            .ToArray();
    }
}
