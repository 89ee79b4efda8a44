using System.Text;
using PharmaRag.Core.Content;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Cuts one table into chunks of whole rows. Every chunk starts with the caption and the header
/// rows, so a row retrieved alone still says what its numbers mean; the footnotes go with the
/// last chunk. A row longer than the budget becomes a chunk of its own rather than being cut.
/// The abbreviations a footnote spells out ("SCLC, small cell lung cancer") are also spelled out
/// in every other chunk whose row labels or headings use them, on a last line starting with
/// <see cref="GlossaryLead"/>, so that a question in the long words finds the row that only prints
/// the abbreviation.
/// </summary>
public sealed class TableChunker(ITokenCounter tokens, int maxTokens)
{
    /// <summary>How the line that spells out a chunk's abbreviations starts.</summary>
    // No word a question uses for the table itself ("which ... does the table list"): a chunk with
    // the line would match it better than the table's other chunks.
    public const string GlossaryLead = "Abbreviations spelled out: ";

    /// <summary>At most this many abbreviations are spelled out in one chunk.</summary>
    public const int MaxGlossaryEntries = 20;

    /// <summary>The chunk texts of a table block and where each page starts in them.</summary>
    public IEnumerable<(string Text, IReadOnlyList<PageSpan> Spans)> Chunk(ContentBlock block)
    {
        var table = block.Table ?? throw new ArgumentException("The block has no table.", nameof(block));
        var header = Header(table);
        var headerTokens = tokens.CountTokens(header);
        var footer = string.Join("\n", table.Footnotes);
        var glossary = table.Footnotes.SelectMany(AbbreviationList.Parse).DistinctBy(d => d.Abbreviation, StringComparer.Ordinal).ToArray();
        var rows = Enumerable.Range(table.HeaderRows, Math.Max(0, table.Rows.Count - table.HeaderRows)).ToList();
        if (rows.Count == 0)
        {
            yield return Build(header, [], footer, table, block.Page, glossary);
            yield break;
        }

        var current = new List<int>();
        var currentTokens = headerTokens;
        foreach (var row in rows)
        {
            var rowTokens = tokens.CountTokens(table.RenderRow(row)) + 1;
            if (current.Count > 0 && currentTokens + rowTokens > maxTokens)
            {
                yield return Build(header, current, "", table, block.Page, glossary);
                current = [];
                currentTokens = headerTokens;
            }
            current.Add(row);
            currentTokens += rowTokens;
        }
        var footerFits = footer.Length == 0 || currentTokens + tokens.CountTokens(footer) <= maxTokens;
        yield return Build(header, current, footerFits ? footer : "", table, block.Page, glossary);
        if (!footerFits)
        {
            var lastPage = table.PageOf(rows[^1], block.Page);
            yield return (table.Caption is { } caption ? caption + "\n" + footer : footer, [new PageSpan(0, lastPage)]);
        }
    }

    private static string Header(TableContent table)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(table.Caption))
        {
            text.Append(table.Caption.Trim()).Append('\n');
        }
        for (var i = 0; i < table.HeaderRows; i++)
        {
            text.Append(table.RenderRow(i)).Append('\n');
        }
        if (table.HeaderRows > 0)
        {
            text.Append(table.RenderSeparator()).Append('\n');
        }
        return text.ToString();
    }

    private static (string, IReadOnlyList<PageSpan>) Build(
        string header, List<int> rows, string footer, TableContent table, int firstPage, IReadOnlyList<(string Abbreviation, string Meaning)> glossary)
    {
        var text = new StringBuilder(header);
        var spans = new List<PageSpan> { new(0, rows.Count > 0 ? table.PageOf(rows[0], firstPage) : firstPage) };
        foreach (var row in rows)
        {
            var page = table.PageOf(row, firstPage);
            if (spans[^1].Page != page)
            {
                spans.Add(new PageSpan(text.Length, page));
            }
            text.Append(table.RenderRow(row)).Append('\n');
        }
        text.Append(footer);
        var body = text.ToString().TrimEnd();
        // A question names a row by its label and a column by its heading: the abbreviations in those
        // (not in the values, which are what is asked) are spelled out.
        var names = header + string.Join("\n", rows.Select(r => table.Rows[r].FirstOrDefault() ?? ""));
        return (Glossary(names, body, glossary) is { } used ? body + "\n" + used : body, spans);
    }

    // The definitions of the abbreviations of two or more characters the chunk's caption, headings
    // and row labels use (as whole words, in the footnote's letter case) that it does not spell out already.
    private static string? Glossary(string names, string chunk, IReadOnlyList<(string Abbreviation, string Meaning)> glossary)
    {
        var used = glossary
            .Where(d => d.Abbreviation.Length >= 2 && UsesWord(names, d.Abbreviation) && !chunk.Contains(d.Meaning, StringComparison.OrdinalIgnoreCase))
            .Take(MaxGlossaryEntries)
            .Select(d => $"{d.Abbreviation} = {d.Meaning}")
            .ToArray();
        return used.Length == 0 ? null : GlossaryLead + string.Join("; ", used);
    }

    private static bool UsesWord(string text, string word)
    {
        for (var index = text.IndexOf(word, StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + 1, StringComparison.Ordinal))
        {
            var end = index + word.Length;
            if ((index == 0 || !char.IsLetterOrDigit(text[index - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }
        return false;
    }
}
