namespace PharmaRag.Core.Retrieval;

/// <summary>LightRAG's query modes.</summary>
public enum QueryMode
{
    Naive,
    Local,
    Global,
    Hybrid,
    Mix,
}
