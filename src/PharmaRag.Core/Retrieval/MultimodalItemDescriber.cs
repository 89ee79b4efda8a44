using PharmaRag.Core.Content;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Turns the items of a multimodal query into text, the way document blocks are described: the
/// table is linearised row by row under its headers, the equation keeps its LaTeX, the image is
/// read with OCR (through the registered image parser); a model-backed describer, when
/// configured, replaces these offline descriptions.
/// </summary>
public sealed class MultimodalItemDescriber(IBlockDescriber describer, DocumentParserRegistry parsers)
{
    public async Task<IReadOnlyList<string>> DescribeAsync(IReadOnlyList<MultimodalItem> items, CancellationToken cancellationToken)
    {
        var blocks = new List<ContentBlock>(items.Count);
        foreach (var item in items)
        {
            blocks.Add(item.Type switch
            {
                "table" => new ContentBlock { Kind = BlockKind.Table, Page = 1, Text = item.TableData ?? "", Table = ParseTable(item) },
                "equation" => new ContentBlock { Kind = BlockKind.Equation, Page = 1, Text = item.Latex ?? "", Latex = item.Latex, Caption = item.EquationCaption },
                "image" => await ImageBlockAsync(item, cancellationToken),
                _ => throw new ArgumentException($"Unknown multimodal item type '{item.Type}'; use table, equation or image."),
            });
        }
        var described = await describer.DescribeAsync(new ParsedDocument(1, blocks, []), cancellationToken);
        return described.Blocks.Select(b => b.Description ?? OfflineBlockDescriber.Describe(b)).ToArray();
    }

    private static TableContent ParseTable(MultimodalItem item)
    {
        var lines = (item.TableData ?? "").Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Trim('|', '-', ' ', ':').Equals("", StringComparison.Ordinal))
            .ToArray();
        var separator = lines.FirstOrDefault() is { } first ? (first.Contains('|') ? '|' : first.Contains('\t') ? '\t' : ',') : ',';
        var rows = lines.Select(l => l.Trim('|').Split(separator).Select(c => c.Trim()).ToArray()).ToArray();
        var columns = rows.Length == 0 ? 0 : rows.Max(r => r.Length);
        return new TableContent
        {
            Rows = rows.Select(r => r.Concat(Enumerable.Repeat("", columns - r.Length)).ToArray()).ToArray(),
            HeaderRows = rows.Length > 1 ? 1 : 0,
            Caption = item.TableCaption,
        };
    }

    private async Task<ContentBlock> ImageBlockAsync(MultimodalItem item, CancellationToken cancellationToken)
    {
        var bytes = item.Image ?? [];
        var mediaType = bytes is [0x89, 0x50, 0x4E, 0x47, ..] ? "image/png"
            : bytes is [0xFF, 0xD8, ..] ? "image/jpeg"
            : bytes is [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] ? "image/tiff"
            : throw new ArgumentException("The image must be a PNG, JPEG or TIFF.");
        string? ocr = null;
        try
        {
            var parsed = await parsers.ForMediaType(mediaType).ParseAsync(new MemoryStream(bytes), "query-image", cancellationToken);
            ocr = string.Join(" ", parsed.Blocks.Select(b => b.OcrText ?? b.Text)).Trim();
        }
        catch (DocumentParseException)
        {
            // No OCR available or nothing readable: the caption alone describes the image.
        }
        return new ContentBlock
        {
            Kind = BlockKind.Image, Page = 1, Text = ocr ?? "", OcrText = ocr, Caption = item.ImageCaption,
            Image = new BlockImage(mediaType, bytes),
        };
    }
}
