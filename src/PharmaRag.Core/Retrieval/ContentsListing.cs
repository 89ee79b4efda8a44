using System.Text.RegularExpressions;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// A chunk that lists a document's sections (a label's "FULL PRESCRIBING INFORMATION: CONTENTS", a
/// protocol's table of contents, as a table or as run-on lines): it holds the words of every
/// section title, so a question asked of the document matches it, yet it states nothing.
/// </summary>
public static partial class ContentsListing
{
    /// <summary>The fewest numbered section titles a chunk lists to be read as contents.</summary>
    public const int MinimumTitles = 6;

    /// <summary>At most this many characters of the chunk per numbered section title.</summary>
    public const int MaxCharactersPerTitle = 60;

    /// <summary>True when <paramref name="chunk"/> is (part of) a table of contents.</summary>
    public static bool Is(Chunk chunk)
    {
        var text = chunk.Text;
        var firstLine = text.AsSpan(0, text.IndexOf('\n') is var end and >= 0 ? end : text.Length);
        if (firstLine.Contains("CONTENTS", StringComparison.Ordinal) || firstLine.Contains("Table of Contents", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (chunk.Kind != Content.BlockKind.Text)
        {
            return false;
        }
        var titles = SectionTitle().Count(text);
        return titles >= MinimumTitles && text.Length <= MaxCharactersPerTitle * titles;
    }

    // A section number before a capitalised title in running text ("2.3 Renal Impairment", "6 ADVERSE
    // REACTIONS"). A dose or a count is followed by its unit in lower case ("200 mg", "5 days"); a
    // colour's number follows "No." ("FD&C Blue No. 2 Aluminum Lake"); a table's numbered rows are
    // not read this way (a contents table is known by its heading).
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,(|])(?<!No\.\s*)\d{1,2}(?:\.\d{1,2}){0,2}[ \t\n]+\p{Lu}")]
    private static partial Regex SectionTitle();
}
