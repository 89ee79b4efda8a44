namespace PharmaRag.Core.Graph;

/// <summary>An entity mention as graph stores keep it: resolved to its entity, with the chunk and document that make it.</summary>
public sealed record EntityMentionRecord(
    string EntityId, string ChunkId, string DocumentId, string Name, string Type, string Description, IReadOnlyList<string> Aliases);
