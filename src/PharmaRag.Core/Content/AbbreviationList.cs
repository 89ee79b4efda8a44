using System.Text.RegularExpressions;

namespace PharmaRag.Core.Content;

/// <summary>
/// The abbreviations a table's footnote spells out, as papers and protocols print them: "SCLC,
/// small cell lung cancer; mPFS, median progression-free survival", "SCLC: small cell lung
/// cancer; ...", "Abbreviations: AUC = area under the curve; ...". Each definition is one
/// semicolon-separated piece: a short abbreviation (at most <see cref="MaxAbbreviationWords"/> words,
/// <see cref="MaxAbbreviationLength"/> characters), a comma, colon or equals sign, and the longer words
/// it stands for. Letter case is kept as printed, so that the abbreviation is found where the
/// table uses it.
/// </summary>
public static partial class AbbreviationList
{
    /// <summary>An abbreviation has at most this many words ("RC + PLND", "1 L").</summary>
    public const int MaxAbbreviationWords = 3;

    /// <summary>An abbreviation has at most this many characters.</summary>
    public const int MaxAbbreviationLength = 16;

    /// <summary>What an abbreviation stands for has at most this many characters.</summary>
    public const int MaxMeaningLength = 100;

    /// <summary>A text is a list of abbreviations when it defines at least this many...</summary>
    public const int MinDefinitions = 3;

    /// <summary>...and at least this share of its semicolon-separated pieces are definitions.</summary>
    public const double MinDefinedShare = 0.6;

    private static readonly HashSet<string> NotAbbreviations = new(["note", "notes", "source", "sources", "key", "data", "values"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The definitions in <paramref name="text"/>, in order, each abbreviation once (its first definition).</summary>
    public static IReadOnlyList<(string Abbreviation, string Meaning)> Parse(string text) =>
        Pieces(text).Select(Definition).OfType<(string, string)>().DistinctBy(d => d.Item1, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// True when <paramref name="text"/> is a list of abbreviations (a table's glossary footnote),
    /// however many lines it takes: at least <see cref="MinDefinitions"/> definitions making up most of it.
    /// </summary>
    public static bool IsList(string text)
    {
        var pieces = Pieces(text).ToArray();
        var defined = pieces.Count(p => Definition(p) is not null);
        return defined >= MinDefinitions && defined >= MinDefinedShare * pieces.Length;
    }

    private static IEnumerable<string> Pieces(string text) =>
        Separator().Split(Lead().Replace(Space().Replace(text, " ").Trim(), ""))
            .Select(p => p.Trim().TrimEnd('.').Trim())
            .Where(p => p.Length > 0);

    private static (string, string)? Definition(string piece)
    {
        var separator = piece.IndexOfAny([',', ':', '=']);
        if (separator <= 0)
        {
            return null;
        }
        var abbreviation = piece[..separator].Trim();
        var meaning = piece[(separator + 1)..].Trim();
        var words = abbreviation.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (abbreviation.Length > MaxAbbreviationLength || words.Length > MaxAbbreviationWords || !abbreviation.Any(char.IsLetter)
            || NotAbbreviations.Contains(abbreviation) || meaning.Length <= abbreviation.Length || meaning.Length > MaxMeaningLength
            || !meaning.Any(char.IsLetter) || string.Equals(abbreviation, meaning, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return (abbreviation, meaning);
    }

    // "Abbreviations:", "Abbreviation used:", "Key:" before the first definition.
    [GeneratedRegex(@"^(Abbreviations?(\s+used)?|Key)\s*[:.]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Lead();

    // Definitions end at a semicolon, or at a comma when the next one is written with "=" or ":"
    // ("BP = blood pressure, CRF = case report form"); "CHP, cyclophosphamide, doxorubicin" is one.
    [GeneratedRegex(@";|,\s+(?=[^\s,;:=]{1,16}\s?[=:]\s)")]
    private static partial Regex Separator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
