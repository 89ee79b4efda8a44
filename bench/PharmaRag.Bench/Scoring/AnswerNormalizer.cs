using System.Globalization;
using System.Text;

namespace PharmaRag.Bench.Scoring;

/// <summary>
/// Puts gold answers and retrieved passages into one comparable form, so that containment does
/// not fail on typography: PDF text and hand-typed answers differ in case, line breaks, soft
/// hyphens, the kind of dash and trademark signs far more often than in wording.
/// </summary>
public static class AnswerNormalizer
{
    /// <summary>Long answers also count when only their beginning is found (answers often run past a chunk's end).</summary>
    public const int PrefixLength = 60;

    /// <summary>Lower case, whitespace collapsed to single spaces and trimmed, soft hyphens and trademark signs dropped, every dash as '-'.</summary>
    public static string Normalize(string text)
    {
        var normalized = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsDropped(c))
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = normalized.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                normalized.Append(' ');
                pendingSpace = false;
            }
            normalized.Append(IsDash(c) ? '-' : char.ToLowerInvariant(c));
        }
        return normalized.ToString();
    }

    /// <summary>
    /// The strings that count as finding <paramref name="answer"/>: its normalised form and, when
    /// longer, its first <see cref="PrefixLength"/> characters. Empty when nothing is left to find.
    /// </summary>
    public static IReadOnlyList<string> Keys(string answer)
    {
        var full = Normalize(answer);
        if (full.Length == 0)
        {
            return [];
        }
        if (full.Length <= PrefixLength)
        {
            return [full];
        }
        var prefix = full[..PrefixLength].TrimEnd();
        return [full, prefix];
    }

    private static bool IsDropped(char c) => c is '\u00AD' or '\u00AE' or '\u2122' or '\u2120';

    // Hyphen, en and em dashes and the rest of Unicode's dash punctuation, plus the minus sign
    // that typeset labels use in ranges and negative values.
    private static bool IsDash(char c) =>
        c is '\u2212' or '\uFE63' or '\uFF0D' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation;
}
