namespace PharmaRag.Server.Contracts;

/// <summary>A retrieval-only query.</summary>
public sealed record SearchRequest(string? Query, int? TopK, IReadOnlyList<string>? DocumentIds);
