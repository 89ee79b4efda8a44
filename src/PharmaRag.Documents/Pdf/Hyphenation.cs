using System.Text;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Joins the lines of a paragraph, repairing words broken at line ends. "treat-" + "ment" becomes
/// "treatment" when the document spells it so elsewhere (or, lacking evidence, when both halves
/// are lower-case letters and not both words the document uses apart); "once-" + "daily" stays
/// "once-daily" when that is how the document writes it. A hyphen followed by "and" or "or" is suspended and keeps its space. Soft hyphens
/// always join.
/// </summary>
internal static class Hyphenation
{
    private static readonly char[] Hyphens = ['-', '\u00AD', '\u2010'];

    public static string JoinLines(IEnumerable<string> lines, Vocabulary? vocabulary)
    {
        var text = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (text.Length > 0)
            {
                if (Hyphens.Contains(text[^1]) && text.Length > 1 && char.IsLetter(text[^2]))
                {
                    if (text[^1] != '\u00AD' && Suspended(line))
                    {
                        text.Append(' '); // "CYP2C9- and CYP3A4-mediated": the hyphen waits for its word
                    }
                    else if (Drop(text, line, vocabulary))
                    {
                        text.Length--;
                    }
                }
                else
                {
                    text.Append(' ');
                }
            }
            text.Append(line);
        }
        return text.ToString();
    }

    private static bool Suspended(string next) =>
        next.StartsWith("and ", StringComparison.Ordinal) || next.StartsWith("or ", StringComparison.Ordinal)
        || next is "and" or "or";

    private static bool Drop(StringBuilder text, string next, Vocabulary? vocabulary)
    {
        if (text[^1] == '\u00AD')
        {
            return true;
        }
        var start = text.Length - 1;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }
        var head = text.ToString(start, text.Length - 1 - start);
        var tail = new string(next.TakeWhile(c => !char.IsWhiteSpace(c)).ToArray()).TrimEnd('.', ',', ';', ':', ')');
        if (tail.Length == 0 || !char.IsLower(tail[0]))
        {
            return false;
        }
        var lastPart = head[(head.LastIndexOfAny(Hyphens) + 1)..];
        if (vocabulary is not null)
        {
            var joined = vocabulary.Count(head + tail);
            var hyphenated = vocabulary.Count(head + "-" + tail);
            if (joined != hyphenated)
            {
                return joined > hyphenated;
            }
            // Neither spelling printed elsewhere: a break between two words the document also uses
            // apart ("concentration-" + "dependent", beside "effective concentration" and
            // "dose-dependent") is a compound's own hyphen; a syllable break leaves a half no one
            // prints ("treat-" + "ment"). Each half is counted once where it breaks, hence two; prefixes
            // of three letters ("non-", "pre-") are left to the rule below.
            if (joined == 0 && lastPart.Length >= 4 && tail.Length >= 4 && vocabulary.Uses(lastPart) >= 2 && vocabulary.Uses(tail) >= 2)
            {
                return false;
            }
        }
        return lastPart.Length >= 2 && lastPart.All(char.IsLower) && tail.All(char.IsLower);
    }
}
