namespace PharmaRag.Core.Graph;

/// <summary>
/// The breadth-first walk behind <see cref="IGraphStore.WalkAsync"/>, one relation query per hop,
/// for stores that have no walk of their own. Stores that walk in one query (PostgreSQL's
/// recursive CTE) must return exactly this order; the graph conformance suite checks it.
/// </summary>
public static class GraphWalk
{
    public static async Task<IReadOnlyList<WalkedEntity>> BreadthFirstAsync(
        IGraphStore graph, string startId, int depth, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var reached = new HashSet<string>(StringComparer.Ordinal) { startId };
        var walked = new List<WalkedEntity> { new(startId, 0) };
        var frontier = new HashSet<string>(StringComparer.Ordinal) { startId };
        for (var hop = 1; hop <= depth && frontier.Count > 0 && walked.Count < limit; hop++)
        {
            // Each entity first reached in this hop, with the heaviest relation that joins it to the last hop.
            var heaviest = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var relation in await graph.GetRelationsOfAsync(frontier, int.MaxValue, cancellationToken))
            {
                foreach (var (from, to) in new[] { (relation.SourceId, relation.TargetId), (relation.TargetId, relation.SourceId) })
                {
                    if (frontier.Contains(from) && !reached.Contains(to))
                    {
                        heaviest[to] = Math.Max(heaviest.GetValueOrDefault(to, double.MinValue), relation.Weight);
                    }
                }
            }
            var layer = heaviest.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToArray();
            walked.AddRange(layer.Take(limit - walked.Count).Select(id => new WalkedEntity(id, hop)));
            reached.UnionWith(layer);
            frontier = layer.ToHashSet(StringComparer.Ordinal);
        }
        return walked;
    }
}
