using System.Text.RegularExpressions;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// How well one sentence (or table row) states what a question asks: the weights of the question's
/// content words it holds; a row also gets the words of its column headings, and when it is named
/// by both its label and a heading it is a cell lookup and counts in full. A question that asks for
/// a number prefers sentences giving a number it did not itself say.
/// </summary>
public static partial class SentenceMatch
{
    public static double Score(
        string text, IReadOnlySet<string> terms, IReadOnlySet<string> headings, IReadOnlyCollection<string> content,
        IReadOnlyDictionary<string, double> weight, QuestionFocus focus, IReadOnlySet<string> identity)
    {
        var isRow = TableRowStatement.IsRow(text);
        // "What kind of enzyme is cathepsin S?": the sentence that classes it ("is a cysteine
        // protease") names a kind of enzyme, though not the word.
        var classes = focus.AsksKind && !isRow && Classes().IsMatch(text);
        var matched = content.Where(t => terms.Contains(t) || classes && focus.Kind.Contains(t)).Sum(t => weight[t]);
        if (RestatesTitle(terms, identity))
        {
            // The title (on the title page, a synopsis header, a running head) holds the question's
            // words because it names the study; the fact is stated elsewhere. (Callers pass the
            // identity only when the question names the document.)
            matched *= TitlePenalty;
        }
        var label = isRow ? TermAnalyzer.Terms(TableRowStatement.Cells(text)[0]).ToHashSet(StringComparer.Ordinal) : [];
        if (isRow && headings.Count > 0)
        {
            var underHeadings = content.Where(t => !terms.Contains(t) && headings.Contains(t)).Sum(t => weight[t]);
            var cellLookup = underHeadings > 0 && label.Any(content.Contains);
            matched = cellLookup ? 1.5 * (matched + underHeadings) : matched + 0.5 * underHeadings;
        }
        if (matched > 0 && focus.WantsNumber)
        {
            // The number in the asked unit ("70 patients" for "how many patients") is the fact; so
            // is the value of the row whose label is all the question asks ("What is the dosage
            // formulation?": "| Dosage Formulation | Dry powder |"), whatever its unit.
            var said = content.Where(focus.Said.Contains).ToArray();
            var namesRow = said.Length > 0 && said.All(label.Contains);
            // "How much sucrose ...?": a number given without the measured thing is another amount.
            var measured = content.Where(focus.Measured.Contains).ToArray();
            var ofOther = measured.Length > 0 && !measured.Any(terms.Contains);
            matched *= ofOther ? 0.7 : namesRow || focus.StatesAskedQuantity(text) ? QuantityBonus : StatesNewNumber(text, focus) ? 1.3 : 0.7;
        }
        if (matched > 0 && classes)
        {
            // "What kind of molecule is glucagon?": "Glucagon is a 29-amino-acid polypeptide".
            matched *= KindBonus;
        }
        return matched;
    }

    /// <summary>How much more a sentence counts that classes its subject when the question asks what kind it is.</summary>
    public const double KindBonus = 1.5;

    // "is a", "are an", "a class of", "belongs to", "classified as".
    [GeneratedRegex(@"\b(?:is|are|was|were) (?:a|an)\b|\b(?:class|type|kind|family|member) of\b|\bbelongs? to\b|\bclassified as\b", RegexOptions.IgnoreCase)]
    private static partial Regex Classes();

    /// <summary>How much more a sentence counts that gives a number in the unit the question asks for.</summary>
    public const double QuantityBonus = 2.0;

    /// <summary>The weight left to a sentence that restates the document's title.</summary>
    public const double TitlePenalty = 0.3;

    /// <summary>True when most of a sentence's words are its document's identity (title and file name) words.</summary>
    public static bool RestatesTitle(IReadOnlySet<string> terms, IReadOnlySet<string> identity) =>
        terms.Count >= 4 && terms.Count(identity.Contains) >= 0.6 * terms.Count;

    /// <summary>True when <paramref name="text"/> gives a number the question did not say.</summary>
    public static bool StatesNewNumber(string text, QuestionFocus focus) =>
        Number().Matches(text).Any(m => !focus.Numbers.Contains(m.Value));

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    internal static partial Regex Number();
}
