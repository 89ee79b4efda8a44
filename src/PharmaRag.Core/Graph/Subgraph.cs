namespace PharmaRag.Core.Graph;

/// <summary>Entities around a starting entity and the relations among them.</summary>
public sealed record Subgraph(IReadOnlyList<Entity> Nodes, IReadOnlyList<Relation> Edges, bool Truncated);
