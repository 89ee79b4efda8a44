using System.Text.RegularExpressions;

namespace PharmaRag.Core.Text;

/// <summary>Turns questions and passages into comparable terms: lower case, no stop words, light stemming.</summary>
public static partial class TermAnalyzer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "did", "do",
        "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "may",
        "might", "of", "on", "or", "our", "should", "so", "such", "than", "that", "the", "their", "them",
        "then", "there", "these", "they", "this", "those", "to", "was", "we", "were", "what", "when", "where",
        "which", "who", "whom", "why", "will", "with", "would", "you", "your", "about", "any", "all", "also",
        "there", "tell", "me", "please", "describe", "list", "give", "much", "many", "some",
    };

    /// <summary>Raw lower-case words of <paramref name="text"/> that are not stop words.</summary>
    public static IEnumerable<string> Words(string text)
    {
        foreach (Match match in Word().Matches(text))
        {
            var word = match.Value.ToLowerInvariant();
            if (!StopWords.Contains(word) && (word.Length > 1 || char.IsDigit(word[0])))
            {
                yield return word;
            }
        }
    }

    /// <summary>
    /// Query tokens for keyword search, keeping biomedical compounds whole: "IL-6", "COVID-19",
    /// "5-FU", "mg/kg" and "CYP3A4" are one token each (searched as a phrase), not "il" OR "6".
    /// </summary>
    public static IEnumerable<string> SearchTokens(string text)
    {
        foreach (Match match in Compound().Matches(text))
        {
            var token = match.Value.ToLowerInvariant();
            if (!StopWords.Contains(token) && (token.Length > 1 || char.IsDigit(token[0])))
            {
                yield return token;
            }
        }
    }

    /// <summary>Stemmed terms, for matching a question against sentences.</summary>
    public static IEnumerable<string> Terms(string text) => Words(text).Select(Stem);

    /// <summary>A light English stemmer: plural and common inflection endings.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || char.IsDigit(word[^1]))
        {
            return word;
        }
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }
        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return word[..^3];
        }
        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^2];
        }
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
        {
            return word[..^1];
        }
        return word;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-/][\p{L}\p{N}]+)*")]
    private static partial Regex Compound();
}
