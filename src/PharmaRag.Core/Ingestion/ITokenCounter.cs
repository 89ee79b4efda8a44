namespace PharmaRag.Core.Ingestion;

/// <summary>Counts model tokens, so that chunks fit model context windows.</summary>
public interface ITokenCounter
{
    int CountTokens(string text);
}
