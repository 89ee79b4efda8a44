namespace PharmaRag.Server.Contracts;

/// <summary>Ranked chunks for a query, best first.</summary>
public sealed record SearchResponse(string Query, IReadOnlyList<SearchHitResponse> Results);
