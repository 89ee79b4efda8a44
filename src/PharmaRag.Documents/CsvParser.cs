using System.Text;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents;

/// <summary>
/// A CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks; a semicolon or
/// tab delimiter is detected from the first line) as one table whose first row is the header.
/// </summary>
public sealed class CsvParser : IDocumentParser
{
    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Csv];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var text = await PlainTextParser.ReadUtf8Async(content, cancellationToken);
        var grid = TableRows.Rectangular(Read(text));
        if (grid.Length == 0)
        {
            return new ParsedDocument(1, [], []);
        }
        var table = new TableContent { Rows = grid, HeaderRows = grid.Length > 1 ? 1 : 0, Caption = Path.GetFileNameWithoutExtension(fileName) };
        return new ParsedDocument(1, [new ContentBlock { Kind = BlockKind.Table, Page = 1, Text = table.ToMarkdown(), Table = table }], []);
    }

    internal static List<IReadOnlyList<string>> Read(string text)
    {
        var firstLine = text.Split('\n')[0];
        var delimiter = new[] { ',', ';', '\t' }.OrderByDescending(d => firstLine.Count(c => c == d)).First();
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                row.Add(TextNormalizer.Collapse(field.ToString()));
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(TextNormalizer.Collapse(field.ToString()));
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(TextNormalizer.Collapse(field.ToString()));
            rows.Add(row);
        }
        return rows;
    }
}
