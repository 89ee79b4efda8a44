using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Says what a table row states for the question: the row's label, then the cells of the columns
/// the question names ("Headache — 40 mg: 9.4"), or every column with its heading when it names
/// none. The headings are the chunk's header rows (the table chunker repeats them above its rows).
/// </summary>
public static class TableRowStatement
{
    /// <summary>True when <paramref name="line"/> is a rendered table row ("| a | b |").</summary>
    public static bool IsRow(string line) => line.StartsWith('|') && line.EndsWith('|') && !line.StartsWith("| ---", StringComparison.Ordinal);

    public static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    /// <summary>The header rows of the table in <paramref name="chunkText"/> (the rows above its "| --- |" line).</summary>
    public static IReadOnlyList<string[]> Headers(string chunkText)
    {
        var lines = chunkText.Split('\n');
        var separator = Array.FindIndex(lines, l => l.TrimStart().StartsWith("| ---", StringComparison.Ordinal));
        return separator <= 0 ? [] : lines[..separator].Where(IsRow).Select(Cells).ToArray();
    }

    /// <summary>The question terms the headings of each column hold.</summary>
    public static IReadOnlyList<HashSet<string>> ColumnTerms(IReadOnlyList<string[]> headers, int columns) =>
        Enumerable.Range(0, columns)
            .Select(c => TermAnalyzer.Terms(string.Join(' ', headers.Select(h => c < h.Length ? h[c] : ""))).ToHashSet(StringComparer.Ordinal))
            .ToArray();

    /// <summary>The row as a statement, focused on the columns whose headings share a term with <paramref name="focus"/>.</summary>
    public static string State(string row, IReadOnlyList<string[]> headers, IReadOnlySet<string> focus)
    {
        var cells = Cells(row);
        if (cells.Length < 2 || headers.Count == 0)
        {
            return string.Join("; ", cells.Where(c => c.Length > 0));
        }
        return State(cells, cells[0], c => Heading(headers, c), ColumnTerms(headers, cells.Length), focus);
    }

    /// <summary>
    /// The row as a statement read with its table's <paramref name="layout"/>: every header row,
    /// headings with their abbreviations spelled out, and <paramref name="label"/> for a row whose
    /// own label cell is empty.
    /// </summary>
    public static string State(string row, TableLayout layout, string? label, IReadOnlySet<string> focus)
    {
        var cells = Cells(row);
        var rowLabel = cells.Length > 0 && cells[0].Length > 0 ? cells[0] : label ?? "";
        if (cells.Length < 2 || layout.Headers.Count == 0)
        {
            return string.Join("; ", cells.Skip(1).Where(c => c.Length > 0).Prepend(rowLabel).Where(c => c.Length > 0));
        }
        var columnTerms = Enumerable.Range(0, cells.Length)
            .Select(c => TermAnalyzer.Terms(layout.Heading(c, cells)).ToHashSet(StringComparer.Ordinal))
            .ToArray();
        // A header row that states values (a schedule's day row) is read under the headers above it.
        return State(cells, rowLabel, c => layout.Heading(c, cells), columnTerms, focus);
    }

    private static string State(string[] cells, string label, Func<int, string> heading, IReadOnlyList<HashSet<string>> columnTerms, IReadOnlySet<string> focus)
    {
        // The columns whose headings share the most words with the question ("40 mg" over "10 mg").
        // Only words that tell the columns apart count: "atorvastatin" and "mg" head four of the five
        // columns of "Atorvastatin 10 mg | Atorvastatin 80 mg | HR (95% CI)", so "the hazard ratio with
        // 80 mg versus 10 mg" asks for the hazard ratio column.
        var values = Enumerable.Range(1, cells.Length - 1).Where(c => cells[c].Length > 0).ToArray();
        var telling = focus.Where(t => 2 * values.Count(c => Names(columnTerms[c], t)) <= values.Length).ToHashSet(StringComparer.Ordinal);
        var overlap = Enumerable.Range(0, cells.Length).Select(c => c == 0 || cells[c].Length == 0 ? 0 : telling.Count(t => Names(columnTerms[c], t))).ToArray();
        var most = overlap.Max();
        var asked = most == 0 ? [] : Enumerable.Range(1, cells.Length - 1).Where(c => overlap[c] == most).ToArray();
        var shown = asked.Length > 0 ? asked : Enumerable.Range(1, cells.Length - 1).Where(c => cells[c].Length > 0).ToArray();
        var parts = shown.Select(c => heading(c) is { Length: > 0 } h ? $"{h}: {cells[c]}" : cells[c]);
        return $"{label} — {string.Join("; ", parts)}";
    }

    // A heading names the asked word in another form, as a sentence does (one word begins the
    // other): "how is the risk mitigated" names the "Mitigation Strategy" column.
    private static bool Names(HashSet<string> heading, string asked) =>
        heading.Contains(asked)
        || asked.Length >= ExtractiveAnswerer.MinSharedStem && heading.Any(h => h.Length >= ExtractiveAnswerer.MinSharedStem
            && (h.StartsWith(asked, StringComparison.Ordinal) || asked.StartsWith(h, StringComparison.Ordinal)));

    private static string Heading(IReadOnlyList<string[]> headers, int column) =>
        string.Join(' ', headers.Select(h => column < h.Length ? h[column] : "").Where(h => h.Length > 0));
}
