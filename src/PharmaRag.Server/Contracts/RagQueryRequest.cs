namespace PharmaRag.Server.Contracts;

/// <summary>A question; mode is one of naive, local, global, hybrid, mix (default).</summary>
public sealed record RagQueryRequest(string? Query, string? Mode, int? TopK, IReadOnlyList<string>? DocumentIds);
