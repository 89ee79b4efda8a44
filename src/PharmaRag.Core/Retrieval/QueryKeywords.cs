namespace PharmaRag.Core.Retrieval;

/// <summary>
/// LightRAG's two kinds of query keyword: low-level ones name entities (they drive local
/// retrieval), high-level ones name themes and relations (they drive global retrieval).
/// </summary>
public sealed record QueryKeywords(IReadOnlyList<string> HighLevel, IReadOnlyList<string> LowLevel)
{
    public static QueryKeywords FromQuestion(string question) => new([question], [question]);

    public string HighLevelText => string.Join(", ", HighLevel);

    public string LowLevelText => string.Join(", ", LowLevel);
}
