using System.Text.RegularExpressions;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// What a question asks for, beyond its words: a number (a count, dose, rate, duration, age or
/// score), or a list (contraindications, criteria, all the items of a section).
/// </summary>
public sealed partial record QuestionFocus(bool WantsNumber, bool WantsList, IReadOnlySet<string> Terms, IReadOnlySet<string> Numbers)
{
    public static QuestionFocus Of(string question)
    {
        var lower = question.ToLowerInvariant();
        var terms = TermAnalyzer.Terms(question + " " + string.Join(' ', LayTerms.For(question))).ToHashSet(StringComparer.Ordinal);
        var numbers = SentenceMatch.Number().Matches(question).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return new QuestionFocus(NumberCue().IsMatch(lower), ListCue().IsMatch(lower), terms, numbers);
    }

    [GeneratedRegex(@"\b(how (many|much|long|often|old|soon|frequently)|what (percentage|percent|proportion|share|rate|dose|dosage|age|score|level|concentration|temperature|strength|number|size)|at what|maximum|minimum|highest|lowest|starting|initial dose|dose|dosage|mg|when must|which day|what day|how is .* dosed|rate of|rates? was|percentage)\b")]
    private static partial Regex NumberCue();

    [GeneratedRegex(@"\b(contraindications?|contraindicated|who should not|should not take|not be used|what are the|which (drugs|medicines|agents|conditions|patients)|list (the|all)|criteria)\b")]
    private static partial Regex ListCue();
}
