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
        IReadOnlyDictionary<string, double> weight, QuestionFocus focus)
    {
        var matched = content.Where(terms.Contains).Sum(t => weight[t]);
        if (TableRowStatement.IsRow(text) && headings.Count > 0)
        {
            var underHeadings = content.Where(t => !terms.Contains(t) && headings.Contains(t)).Sum(t => weight[t]);
            var label = TermAnalyzer.Terms(TableRowStatement.Cells(text)[0]);
            var cellLookup = underHeadings > 0 && label.Any(content.Contains);
            matched = cellLookup ? 1.5 * (matched + underHeadings) : matched + 0.5 * underHeadings;
        }
        if (matched > 0 && focus.WantsNumber)
        {
            matched *= StatesNewNumber(text, focus) ? 1.3 : 0.7;
        }
        return matched;
    }

    /// <summary>True when <paramref name="text"/> gives a number the question did not say.</summary>
    public static bool StatesNewNumber(string text, QuestionFocus focus) =>
        Number().Matches(text).Any(m => !focus.Numbers.Contains(m.Value));

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    internal static partial Regex Number();
}
