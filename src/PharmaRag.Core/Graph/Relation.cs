namespace PharmaRag.Core.Graph;

/// <summary>A relation of the knowledge graph, merged over all chunks that state it.</summary>
public sealed record Relation(string Id, string SourceId, string TargetId, string Keywords, string Description, double Weight);
