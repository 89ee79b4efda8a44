using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Reciprocal rank fusion (Cormack et al. 2009): each list adds weight / (k + rank) for an item,
/// so items ranked well by several retrievers rise, whatever the scale of their scores.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public static IReadOnlyList<ScoredChunkId> Fuse(IEnumerable<(IReadOnlyList<ScoredChunkId> Ranking, double Weight)> rankings, int k = DefaultK)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (ranking, weight) in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var id = ranking[rank].ChunkId;
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
