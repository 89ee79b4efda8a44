using System.Text.RegularExpressions;
using PharmaRag.Core.Graph;

namespace PharmaRag.Core.Text;

/// <summary>
/// The acronyms a document defines once ("clinical research unit (CRU)") and then uses alone. A
/// question in full words also searches for the acronym, and one that uses the acronym also
/// searches for the words it stands for, as the lay-term expansion (<see cref="LayTerms"/>) does.
/// Definitions are found by the graph extractor's pattern (<see cref="PharmaLexicon.AcronymDefinition"/>):
/// the words before the parenthesis whose initials spell the acronym; and in a list of abbreviations
/// ("CRU = clinical research unit", a line or table row "CRU | clinical research unit"), where the
/// whole long form's first and last words must begin with the acronym's first and last letters.
/// </summary>
public sealed partial class AcronymDefinitions
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
            // A list of abbreviations: "CRU = clinical research unit; ECG = electrocardiogram", or
            // one per line or table row ("CRU   clinical research unit", "| CRU | clinical research unit |").
            foreach (var m in ListedDefinition().Matches(text).Concat(GlossaryLine().Matches(text)))
            {
                var acronym = m.Groups["acronym"].Value;
                var words = m.Groups["long"].Value.Trim();
                if (definitions._longForms.Count >= MaxDefinitions || definitions._longForms.ContainsKey(acronym))
                {
                    continue;
                }
                // The whole long form, its initials spelling the acronym (first and last letters), in more than one word.
                if (OfflinePharmaExtractor.LongForm(words, acronym) is { } longForm && longForm == words && longForm.Contains(' ', StringComparison.Ordinal))
                {
                    definitions._longForms[acronym] = longForm.ToLowerInvariant();
                }
            }
        }
        return definitions;
    }

    /// <summary>A sentence with at least this many "ACR = words" pairs is a list of abbreviations.</summary>
    public const int MinListedPairs = 3;

    /// <summary>
    /// True when <paramref name="text"/> only spells out abbreviations: a table row "| NSAID |
    /// Nonsteroidal anti-inflammatory drug |" (an acronym, then words starting with its first
    /// letter), or a sentence listing several ("Abbreviations: CRU = clinical research unit; ECG = ...").
    /// </summary>
    public static bool IsAbbreviationEntry(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('|'))
        {
            var cells = trimmed.Trim('|').Split('|').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
            return cells.Length == 2 && AcronymCell().IsMatch(cells[0]) && !cells[1].Any(char.IsDigit)
                && char.ToLowerInvariant(cells[1][0]) == char.ToLowerInvariant(cells[0][0]);
        }
        return ListedDefinition().Count(trimmed) >= MinListedPairs;
    }

    [GeneratedRegex("^" + Acronym + "$")]
    private static partial Regex AcronymCell();

    // An acronym of at least two capitals ("CRU", "LDL-C", "HbA1c").
    private const string Acronym = @"(?<acronym>(?=(?:[a-z0-9-]*[A-Z]){2})[A-Za-z][A-Za-z0-9-]{1,9})";

    // A long form: words of letters, up to the list's next separator.
    private const string Long = @"(?<long>[A-Za-z][A-Za-z'’ -]{2,80}?)";

    [GeneratedRegex(@"(?<![\w-])" + Acronym + @"[ \t]*[=:][ \t]*" + Long + @"[ \t]*(?=[;,.|\n]|$)")]
    private static partial Regex ListedDefinition();

    [GeneratedRegex(@"^(?:\|[ \t]*)?" + Acronym + @"(?:[ \t]*\|[ \t]*|[ \t]+)" + Long + @"[ \t]*\|?[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex GlossaryLine();

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

    /// <summary>
    /// The definitions of which <paramref name="question"/> uses one side only: the acronym
    /// without its long form, or the long form without its acronym.
    /// </summary>
    public IReadOnlyList<(string Acronym, string LongForm)> OneSideIn(string question)
    {
        var used = new List<(string, string)>();
        foreach (var (acronym, longForm) in _longForms)
        {
            if (ContainsWord(question, acronym, StringComparison.Ordinal) != ContainsWord(question, longForm, StringComparison.OrdinalIgnoreCase))
            {
                used.Add((acronym, longForm));
            }
        }
        return used;
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
