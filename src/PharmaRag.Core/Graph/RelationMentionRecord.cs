namespace PharmaRag.Core.Graph;

/// <summary>A relation mention as graph stores keep it: resolved endpoints, with the chunk and document that state it.</summary>
public sealed record RelationMentionRecord(
    string RelationId, string ChunkId, string DocumentId, string SourceId, string TargetId, string Keywords, string Description, double Weight);
