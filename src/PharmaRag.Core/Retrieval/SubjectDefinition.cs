using System.Text.RegularExpressions;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Identity questions and the sentences that answer them. "What type of enzyme is cathepsin K?",
/// "What is the protein also called?", "Under what name was ZX4410 developed?" ask what their
/// subject is; the sentence that says so ("Cathepsin K is a cysteine protease ...", "ZX4410
/// (formerly QRT-77)", "the protein, also known as ...") names the subject and then defines it, and
/// seldom holds the asked words ("type", "enzyme", "name"), which are the answer's category. Any
/// other sentence using those words (a liver enzyme, a printed name) outscores it by words alone.
/// </summary>
public static partial class SubjectDefinition
{
    /// <summary>
    /// The subject an identity question asks about, lower case, without a leading article or a
    /// trailing qualifier ("the glucagon in the nasal spray": "glucagon"); null for other questions.
    /// </summary>
    public static string? SubjectOf(string question)
    {
        var lower = Spaces().Replace(question.ToLowerInvariant().Trim().TrimEnd('?', '.', ' '), " ");
        foreach (var pattern in (Regex[])[KindOf(), AlsoCalled(), FormerName()])
        {
            if (pattern.Match(lower) is { Success: true } match)
            {
                var subject = Qualifier().Replace(Article().Replace(match.Groups["s"].Value, ""), "").Trim();
                return subject.Length > 0 ? subject : null;
            }
        }
        return null;
    }

    /// <summary>
    /// True when <paramref name="sentence"/> names <paramref name="subject"/> and defines it right
    /// after: a copula with an article ("X is a ...", "X (code) is an ..."), an apposition ("X, a
    /// ..."), or another name ("X (formerly Y)", "X, also known as Y").
    /// </summary>
    public static bool Defines(string sentence, string subject)
    {
        var lower = sentence.ToLowerInvariant();
        return Occurrences(lower, subject).Any(m => Definition().IsMatch(lower.AsSpan(m.Index + m.Length)));
    }

    /// <summary>True when <paramref name="sentence"/> names <paramref name="subject"/>: its words in order, a code in it, or its last word.</summary>
    public static bool Mentions(string sentence, string subject) => Occurrences(sentence.ToLowerInvariant(), subject).Any();

    // The subject is named by its whole words, by a code in it ("the bispecific ADC ZX-4410":
    // "zx-4410") or by its last word ("the active triphosphate metabolite": "metabolite").
    private static IEnumerable<Match> Occurrences(string lower, string subject)
    {
        var words = subject.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var forms = words.Where(w => w.Any(char.IsDigit)).Select(w => new[] { w })
            .Append(words)
            .Append(words.Length > 1 && words[^1].Length >= MinHeadLength ? [words[^1]] : []);
        return forms.Where(f => f.Length > 0 && lower.Contains(f[0], StringComparison.Ordinal))
            .SelectMany(f => new Regex(
                @"(?<![\p{L}\p{N}])" + string.Join(@"[\s-]+", f.Select(Regex.Escape)) + @"(?![\p{L}\p{N}])", // "BAY 2433334", "BAY-2433334"
                RegexOptions.CultureInvariant, MatchTimeout).Matches(lower));
    }

    /// <summary>The shortest last word that names a subject alone ("s" of "cathepsin s" does not).</summary>
    public const int MinHeadLength = 3;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    // "What type of enzyme is X", "which class of drugs are X".
    [GeneratedRegex(@"^(?:what|which) (?:type|kind|class|sort|family|group|category) of [\p{L}\p{N}-]+(?: [\p{L}\p{N}-]+)? (?:is|are|was|were) (?<s>.+)$")]
    private static partial Regex KindOf();

    // "What is X also called", "what are X otherwise known as".
    [GeneratedRegex(@"^(?:what|how) (?:is|are|was|were) (?<s>.+?) (?:also |otherwise |commonly |previously |formerly )?(?:called|known as|named|referred to as|termed)$")]
    private static partial Regex AlsoCalled();

    // "Under what name was X previously developed", "by which code is X known".
    [GeneratedRegex(@"^(?:under|by) (?:what|which) (?:other )?(?:name|code|designation)s? (?:is|are|was|were) (?<s>.+?) (?:previously |formerly |originally |also |first |initially )?(?:developed|known|called|marketed|named|referred|studied|tested|sold|identified|designated)\b")]
    private static partial Regex FormerName();

    [GeneratedRegex(@"^(?:the|a|an) ")]
    private static partial Regex Article();

    [GeneratedRegex(@" (?:in|of|for|with|on|at|from|by|used|that|which|when|during) .*$")]
    private static partial Regex Qualifier();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // What follows the subject in a sentence that defines it; a code in brackets may come first.
    [GeneratedRegex(@"^\s*(?:[(,]\s*(?:formerly|previously|originally|also known as|also called|known as|aka|now)\b|(?:\([^()]{1,60}\)\s*)?,?\s*(?:is|are|was|were)\s+(?:a|an|the|one)\b|(?:\([^()]{1,60}\)\s*)?,\s*(?:a|an)\s)")]
    private static partial Regex Definition();
}
