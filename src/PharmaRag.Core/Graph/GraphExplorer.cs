namespace PharmaRag.Core.Graph;

/// <summary>Subgraphs around an entity, for exploring what the documents say about it.</summary>
public sealed class GraphExplorer(IGraphStore graph)
{
    /// <summary>The entity named (or best matching) <paramref name="label"/>, or null.</summary>
    public async Task<Entity?> FindAsync(string label, CancellationToken cancellationToken) =>
        (await graph.GetEntitiesAsync([EntityKey.Of(label)], cancellationToken)).FirstOrDefault()
        ?? (await graph.SearchEntitiesAsync(label, 1, cancellationToken)).FirstOrDefault();

    /// <summary>The entity and its neighbours up to <paramref name="depth"/> hops (<see cref="IGraphStore.WalkAsync"/>), nearest and heaviest first.</summary>
    public async Task<Subgraph?> AroundAsync(string label, int depth, int maxNodes, CancellationToken cancellationToken)
    {
        var start = await FindAsync(label, cancellationToken);
        if (start is null)
        {
            return null;
        }
        // One more than asked for tells whether the neighbourhood was cut.
        var walked = await graph.WalkAsync(start.Id, depth, maxNodes + 1, cancellationToken);
        var truncated = walked.Count > maxNodes;
        var included = walked.Take(maxNodes).Select(w => w.EntityId).ToHashSet(StringComparer.Ordinal);
        var nodes = await graph.GetEntitiesAsync(included, cancellationToken);
        var edges = (await graph.GetRelationsOfAsync(included, maxNodes * 8, cancellationToken))
            .Where(r => included.Contains(r.SourceId) && included.Contains(r.TargetId))
            .ToArray();
        return new Subgraph(nodes.OrderBy(n => n.Id == start.Id ? 0 : 1).ThenByDescending(n => n.Mentions).ToArray(), edges, truncated);
    }
}
