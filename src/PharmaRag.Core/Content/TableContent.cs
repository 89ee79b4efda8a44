using System.Text;

namespace PharmaRag.Core.Content;

/// <summary>
/// The cell grid of a table. Every row has the same number of cells; the first
/// <see cref="HeaderRows"/> rows are column headers; a cell spanning columns is kept in its
/// first column with the others empty.
/// </summary>
public sealed record TableContent
{
    public required IReadOnlyList<string[]> Rows { get; init; }
    public int HeaderRows { get; init; }
    /// <summary>The table's caption, for example "Table 3: Adverse Reactions ...".</summary>
    public string? Caption { get; init; }
    public IReadOnlyList<string> Footnotes { get; init; } = [];
    /// <summary>The page of each row, for tables continued across pages; empty when all are on the block's page.</summary>
    public IReadOnlyList<int> RowPages { get; init; } = [];

    public int Columns => Rows.Count == 0 ? 0 : Rows.Max(r => r.Length);

    /// <summary>The page row <paramref name="index"/> is printed on.</summary>
    public int PageOf(int index, int firstPage) => index < RowPages.Count ? RowPages[index] : firstPage;

    /// <summary>One row as a markdown table row.</summary>
    public string RenderRow(int index) =>
        "| " + string.Join(" | ", Rows[index].Select(c => c.Replace("|", "\\|").Replace('\n', ' '))) + " |";

    /// <summary>The markdown separator line that follows the header rows.</summary>
    public string RenderSeparator() => "|" + string.Concat(Enumerable.Repeat(" --- |", Math.Max(1, Columns)));

    /// <summary>Caption, markdown grid and footnotes.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(Caption))
        {
            text.AppendLine(Caption);
        }
        for (var i = 0; i < Rows.Count; i++)
        {
            text.AppendLine(RenderRow(i));
            if (i == Math.Max(HeaderRows, 1) - 1)
            {
                text.AppendLine(RenderSeparator());
            }
        }
        foreach (var note in Footnotes)
        {
            text.AppendLine(note);
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The column heading of each column: the header rows' cells joined top to bottom, so that
    /// "% Placebo" over "N = 7,311" becomes "% Placebo N = 7,311".
    /// </summary>
    public IReadOnlyList<string> ColumnHeadings()
    {
        var headings = new string[Columns];
        for (var c = 0; c < headings.Length; c++)
        {
            headings[c] = string.Join(" ", Rows.Take(HeaderRows)
                .Select(r => c < r.Length ? r[c].Trim() : "")
                .Where(s => s.Length > 0)
                .Distinct());
        }
        return headings;
    }

    /// <summary>
    /// Body rows as "heading: value; heading: value" sentences, the linearisation retrieval
    /// matches best: a value stays next to the name of its column.
    /// </summary>
    public IEnumerable<string> LinearizeRows()
    {
        var headings = ColumnHeadings();
        for (var i = HeaderRows; i < Rows.Count; i++)
        {
            var parts = new List<string>();
            for (var c = 0; c < Rows[i].Length; c++)
            {
                var value = Rows[i][c].Trim();
                if (value.Length == 0)
                {
                    continue;
                }
                var heading = c < headings.Count ? headings[c] : "";
                parts.Add(heading.Length > 0 && heading != value ? $"{heading}: {value}" : value);
            }
            if (parts.Count > 0)
            {
                yield return string.Join("; ", parts) + ".";
            }
        }
    }
}
