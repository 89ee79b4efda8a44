namespace PharmaRag.Core.Graph;

/// <summary>Subgraphs around an entity, for exploring what the documents say about it.</summary>
public sealed class GraphExplorer(IGraphStore graph)
{
    /// <summary>The entity named (or best matching) <paramref name="label"/>, or null.</summary>
    public async Task<Entity?> FindAsync(string label, CancellationToken cancellationToken) =>
        (await graph.GetEntitiesAsync([EntityKey.Of(label)], cancellationToken)).FirstOrDefault()
        ?? (await graph.SearchEntitiesAsync(label, 1, cancellationToken)).FirstOrDefault();

    /// <summary>Breadth-first: the entity, its neighbours up to <paramref name="depth"/> hops, heaviest relations first.</summary>
    public async Task<Subgraph?> AroundAsync(string label, int depth, int maxNodes, CancellationToken cancellationToken)
    {
        var start = await FindAsync(label, cancellationToken);
        if (start is null)
        {
            return null;
        }
        var included = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var frontier = new List<string> { start.Id };
        var truncated = false;
        for (var hop = 0; hop < depth && frontier.Count > 0; hop++)
        {
            var next = new List<string>();
            foreach (var relation in await graph.GetRelationsOfAsync(frontier, maxNodes * 4, cancellationToken))
            {
                foreach (var id in new[] { relation.SourceId, relation.TargetId }.Where(id => !included.Contains(id)))
                {
                    if (included.Count >= maxNodes)
                    {
                        truncated = true;
                        break;
                    }
                    included.Add(id);
                    next.Add(id);
                }
            }
            frontier = next;
        }
        var nodes = await graph.GetEntitiesAsync(included, cancellationToken);
        var edges = (await graph.GetRelationsOfAsync(included, maxNodes * 8, cancellationToken))
            .Where(r => included.Contains(r.SourceId) && included.Contains(r.TargetId))
            .ToArray();
        return new Subgraph(nodes.OrderBy(n => n.Id == start.Id ? 0 : 1).ThenByDescending(n => n.Mentions).ToArray(), edges, truncated);
    }
}
