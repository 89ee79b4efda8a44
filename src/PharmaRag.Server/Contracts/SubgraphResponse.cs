using PharmaRag.Core.Graph;

namespace PharmaRag.Server.Contracts;

/// <summary>Nodes and edges around an entity; truncated when max_nodes cut it short.</summary>
public sealed record SubgraphResponse(IReadOnlyList<EntityResponse> Nodes, IReadOnlyList<RelationResponse> Edges, bool Truncated)
{
    public static SubgraphResponse From(Subgraph g) =>
        new(g.Nodes.Select(EntityResponse.From).ToArray(), g.Edges.Select(RelationResponse.From).ToArray(), g.Truncated);
}

/// <summary>A relation between two entities, with the keywords and evidence that support it.</summary>
public sealed record RelationResponse(string Id, string Source, string Target, string Keywords, string Description, double Weight)
{
    public static RelationResponse From(Relation r) => new(r.Id, r.SourceId, r.TargetId, r.Keywords, r.Description, r.Weight);
}
