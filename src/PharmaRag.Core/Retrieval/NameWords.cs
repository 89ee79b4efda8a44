using System.Text.RegularExpressions;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// The words of a question that can name a document: codes ("BP30037", "ALXN1840-WD-204", "19766"),
/// proper nouns and acronyms written with a capital inside the question ("Sjögren's", "Bayer",
/// "FXIa") and drug names (USAN stems, known drugs). Common words never name a document even when
/// its title uses them: a protocol titled "... Randomized Study ... in Patients ..." is not named by
/// "how many patients will be randomized?", whose words ask for the fact inside it.
/// </summary>
public static partial class NameWords
{
    /// <summary>The stemmed terms of <paramref name="question"/> that look like names.</summary>
    public static HashSet<string> Of(string question)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Token().Matches(question))
        {
            var token = match.Value;
            if (IsName(token, SentenceStart(question, match.Index)))
            {
                names.UnionWith(TermAnalyzer.Terms(token));
            }
        }
        return names;
    }

    private static bool IsName(string token, bool sentenceStart)
    {
        var hasDigit = token.Any(char.IsDigit);
        var hasLetter = token.Any(char.IsLetter);
        if (hasDigit && hasLetter)
        {
            return true;
        }
        if (hasDigit)
        {
            // A study or compound number, not a dose or a count.
            return token.Count(char.IsDigit) >= 4 && !token.Contains('.') && !token.Contains(',');
        }
        if (PharmaLexicon.KnownDrugs.Contains(token) || PharmaLexicon.DrugStem().IsMatch(token))
        {
            return true;
        }
        // A capital after the first letter is an acronym or brand ("FXIa", "GlucaGen") wherever it stands.
        if (token.Skip(1).Any(char.IsUpper))
        {
            return true;
        }
        return char.IsUpper(token[0]) && !sentenceStart;
    }

    private static bool SentenceStart(string text, int index)
    {
        var before = text.AsSpan(0, index).TrimEnd();
        return before.Length == 0 || before[^1] is '.' or '?' or '!' or ':' or '\n' or '"' or '(';
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-/][\p{L}\p{N}]+)*")]
    private static partial Regex Token();
}
