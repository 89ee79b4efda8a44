namespace PharmaRag.Core.Graph;

/// <summary>A relation between two entities as one chunk states it.</summary>
public sealed record RelationMention(string Source, string Target, string Keywords, string Description, double Weight)
{
    /// <summary>Relations are undirected for retrieval: one key for both directions, as LightRAG does.</summary>
    public string Key => RelationKey(EntityKey.Of(Source), EntityKey.Of(Target));

    public static string RelationKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}|{b}" : $"{b}|{a}";
}
