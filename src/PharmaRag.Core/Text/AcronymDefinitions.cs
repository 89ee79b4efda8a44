using System.Text.RegularExpressions;
using PharmaRag.Core.Graph;

namespace PharmaRag.Core.Text;

/// <summary>
/// The acronyms a document defines once ("clinical research unit (CRU)") and then uses alone. A
/// question in full words also searches for the acronym, and one that uses the acronym also
/// searches for the words it stands for, as the lay-term expansion (<see cref="LayTerms"/>) does.
/// Definitions are found by the graph extractor's pattern (<see cref="PharmaLexicon.AcronymDefinition"/>):
/// the words before the parenthesis whose initials spell the acronym.
/// </summary>
public sealed class AcronymDefinitions
{
    /// <summary>At most this many definitions are kept per document.</summary>
    public const int MaxDefinitions = 500;

    // Acronym (as written) -> long form (lower case), first definition wins.
    private readonly Dictionary<string, string> _longForms = new(StringComparer.Ordinal);

    /// <summary>How many acronyms are defined.</summary>
    public int Count => _longForms.Count;

    /// <summary>The definitions made in <paramref name="texts"/>.</summary>
    public static AcronymDefinitions Of(IEnumerable<string> texts)
    {
        var definitions = new AcronymDefinitions();
        foreach (var text in texts)
        {
            foreach (Match m in PharmaLexicon.AcronymDefinition().Matches(text))
            {
                var acronym = m.Groups[2].Value;
                // A real acronym: at least two capitals ("CRU", "SLE", "LDL-C"), not a word in parentheses ("(Placebo)").
                if (definitions._longForms.Count >= MaxDefinitions || definitions._longForms.ContainsKey(acronym) || acronym.Count(char.IsUpper) < 2)
                {
                    continue;
                }
                if (OfflinePharmaExtractor.LongForm(m.Groups[1].Value, acronym) is { } longForm && longForm.Contains(' ', StringComparison.Ordinal))
                {
                    definitions._longForms[acronym] = longForm.ToLowerInvariant();
                }
            }
        }
        return definitions;
    }

    /// <summary>
    /// The acronym of each long form <paramref name="question"/> spells out and the long form of
    /// each acronym it uses (as written, upper case), space-separated; empty when it holds neither.
    /// </summary>
    public string Additions(string question)
    {
        if (_longForms.Count == 0)
        {
            return "";
        }
        var added = new List<string>();
        foreach (var (acronym, longForm) in _longForms)
        {
            var hasAcronym = ContainsWord(question, acronym, StringComparison.Ordinal);
            var hasLongForm = ContainsWord(question, longForm, StringComparison.OrdinalIgnoreCase);
            if (hasLongForm && !hasAcronym)
            {
                added.Add(acronym);
            }
            else if (hasAcronym && !hasLongForm)
            {
                added.Add(longForm);
            }
        }
        return string.Join(' ', added);
    }

    private static bool ContainsWord(string text, string phrase, StringComparison comparison)
    {
        for (var index = text.IndexOf(phrase, comparison); index >= 0; index = text.IndexOf(phrase, index + 1, comparison))
        {
            var end = index + phrase.Length;
            if ((index == 0 || !char.IsLetterOrDigit(text[index - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }
        return false;
    }
}
