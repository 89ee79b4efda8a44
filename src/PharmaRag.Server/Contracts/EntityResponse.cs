using PharmaRag.Core.Graph;

namespace PharmaRag.Server.Contracts;

/// <summary>An entity of the knowledge graph.</summary>
public sealed record EntityResponse(string Id, string Name, EntityType Type, string Description, IReadOnlyList<string> Aliases, int Mentions)
{
    public static EntityResponse From(Entity e) => new(e.Id, e.Name, e.Type, e.Description, e.Aliases, e.Mentions);
}
