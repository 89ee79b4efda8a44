namespace PharmaRag.Core.Graph;

/// <summary>An entity of the knowledge graph, merged over all its mentions.</summary>
public sealed record Entity(string Id, string Name, EntityType Type, string Description, IReadOnlyList<string> Aliases, int Mentions);
