namespace PharmaRag.Core.Graph;

/// <summary>The entities and relations extracted from one chunk.</summary>
public sealed record ChunkGraph(string ChunkId, string DocumentId, IReadOnlyList<EntityMention> Entities, IReadOnlyList<RelationMention> Relations);
