using Microsoft.ML.Tokenizers;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Models;

/// <summary>
/// Counts tokens with the cl100k_base encoding (GPT-4 family), whose vocabulary ships inside a
/// NuGet package: no download at run time.
/// </summary>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    private readonly Tokenizer _tokenizer = TiktokenTokenizer.CreateForModel("gpt-4");

    public int CountTokens(string text) => _tokenizer.CountTokens(text);
}
