using System.Text;

namespace PharmaRag.Core.Content;

/// <summary>
/// Describes non-text blocks without a model: a table becomes its caption followed by one
/// "header: value" sentence per row; an image its caption, footnote and OCR text; an equation its
/// caption and text. Descriptions that a source (or an earlier describer) already set are kept.
/// </summary>
public sealed class OfflineBlockDescriber : IBlockDescriber
{
    public Task<ParsedDocument> DescribeAsync(ParsedDocument document, CancellationToken cancellationToken)
    {
        var blocks = document.Blocks
            .Select(b => b.Kind == BlockKind.Text || !string.IsNullOrWhiteSpace(b.Description) ? b : b with { Description = Describe(b) })
            .ToArray();
        return Task.FromResult(document with { Blocks = blocks });
    }

    /// <summary>The offline description of one block.</summary>
    public static string Describe(ContentBlock block) => block.Kind switch
    {
        BlockKind.Table when block.Table is { } table => DescribeTable(table),
        BlockKind.Image => Join("Image", block.Caption, block.Footnote, block.OcrText is { Length: > 0 } ocr ? "Text in the image: " + ocr : null),
        BlockKind.Equation => Join("Equation", block.Caption, block.Latex ?? block.Text),
        _ => block.Text,
    };

    private static string DescribeTable(TableContent table)
    {
        var text = new StringBuilder(string.IsNullOrWhiteSpace(table.Caption) ? "Table" : table.Caption.Trim());
        var headings = table.ColumnHeadings().Where(h => h.Length > 0).ToArray();
        if (headings.Length > 0)
        {
            text.Append(" (columns: ").Append(string.Join(", ", headings)).Append(')');
        }
        text.Append('.');
        foreach (var row in table.LinearizeRows())
        {
            text.Append(' ').Append(row);
        }
        foreach (var note in table.Footnotes)
        {
            text.Append(' ').Append(note);
        }
        return text.ToString();
    }

    private static string Join(string kind, params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToArray();
        return present.Length == 0 ? kind : string.Join(" ", present.Select(p => p.EndsWith('.') ? p : p + "."));
    }
}
