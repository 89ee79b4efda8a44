namespace PharmaRag.Core.Graph;

/// <summary>An entity reached by a walk through the graph, and in how many hops (its shortest path).</summary>
public sealed record WalkedEntity(string EntityId, int Hops);
