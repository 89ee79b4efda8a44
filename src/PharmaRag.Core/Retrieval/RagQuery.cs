namespace PharmaRag.Core.Retrieval;

/// <summary>A question, optionally restricted to some documents.</summary>
public sealed record RagQuery(string Query)
{
    public QueryMode Mode { get; init; } = QueryMode.Mix;
    public int? TopK { get; init; }
    public IReadOnlyCollection<string>? DocumentIds { get; init; }
}
