using System.Text.RegularExpressions;

namespace PharmaRag.Core.Text;

/// <summary>
/// Splits prose into sentences. Tuned for labels and papers: abbreviations such as "e.g.",
/// "vs." and "Fig." and decimals such as "2.5 mg" do not end a sentence, and a rendered table row
/// ("| a | b |") is one sentence whatever its cells say.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "vs", "fig", "figs", "approx", "dr", "no", "nos", "ref", "refs", "al", "etc",
        "mr", "mrs", "ms", "inc", "ltd", "co", "st", "vol", "sec", "eq", "tab", "max", "min", "ca",
    };

    /// <summary>Sentences with their start offsets in <paramref name="text"/>.</summary>
    public static IReadOnlyList<(int Start, string Text)> Split(string text)
    {
        var sentences = new List<(int, string)>();
        var start = 0;
        foreach (Match boundary in Boundary().Matches(text))
        {
            var end = boundary.Index + 1;
            if (boundary.Value[0] == '.' && EndsWithAbbreviation(text, boundary.Index)
                || boundary.Value[0] != '\n' && InTableRow(text, boundary.Index))
            {
                continue;
            }
            Add(sentences, text, start, end);
            start = boundary.Index + boundary.Length;
        }
        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static void Add(List<(int, string)> sentences, string text, int start, int end)
    {
        var piece = text[start..end];
        var trimmed = piece.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add((start + piece.IndexOf(trimmed[0]), trimmed));
        }
    }

    // A rendered table row ("| Anemia | ... see the IB. | Monitoring complete blood count. |") is one
    // statement: its cells are read together under the table's headings, never cut at a cell's full stop.
    private static bool InTableRow(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', index) + 1;
        var lineEnd = text.IndexOf('\n', index);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart).Trim();
        return line.Length > 1 && line[0] == '|' && line[^1] == '|';
    }

    private static bool EndsWithAbbreviation(string text, int dotIndex)
    {
        var wordStart = dotIndex;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }
        var word = text[wordStart..dotIndex];
        // A single capital letter followed by a dot is an initial ("J. Smith"), unless a number
        // stands before it ("store below 25 C.").
        return Abbreviations.Contains(word)
            || (word.Length == 1 && char.IsUpper(word[0]) && !(wordStart >= 2 && char.IsDigit(text[wordStart - 2])));
    }

    // End punctuation, optional closing quote or bracket, then whitespace before a capital,
    // digit or opening bracket; or a line break.
    [GeneratedRegex(@"[.!?][""')\]]?\s+(?=[\p{Lu}\d(\[""•])|\n+")]
    private static partial Regex Boundary();
}
