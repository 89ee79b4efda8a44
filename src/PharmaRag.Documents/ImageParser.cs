using PharmaRag.Core.Content;
using PharmaRag.Documents.Ocr;

namespace PharmaRag.Documents;

/// <summary>
/// PNG, JPEG and TIFF images: one image block, then the text tesseract reads from it as
/// paragraphs. Without tesseract the image is reported unreadable rather than silently empty.
/// </summary>
public sealed class ImageParser(TesseractOcr? ocr = null) : IDocumentParser
{
    private readonly TesseractOcr _ocr = ocr ?? new TesseractOcr();

    public IReadOnlyCollection<string> MediaTypes { get; } =
        [Core.Documents.MediaTypes.Png, Core.Documents.MediaTypes.Jpeg, Core.Documents.MediaTypes.Tiff];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var bytes = await StreamBytes.ReadAllAsync(content, cancellationToken);
        var mediaType = Core.Documents.MediaTypes.FromFileName(fileName) ?? Core.Documents.MediaTypes.Png;
        if (!_ocr.IsAvailable)
        {
            return new ParsedDocument(1, [], [1]);
        }
        string text;
        try
        {
            text = await _ocr.ReadImageAsync(bytes, Path.GetExtension(fileName), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new DocumentParseException($"The image cannot be read: it is damaged or not in the format its name says ({ex.GetType().Name}).", ex);
        }
        var paragraphs = OcrParagraphs.Split(text);
        if (paragraphs.Count == 0)
        {
            return new ParsedDocument(1, [], [1]);
        }
        var ocrText = string.Join("\n", paragraphs);
        var blocks = new List<ContentBlock>
        {
            new() { Kind = BlockKind.Image, Page = 1, Text = ocrText, OcrText = ocrText, Image = new BlockImage(mediaType, bytes) },
        };
        blocks.AddRange(paragraphs.Select(p => new ContentBlock { Page = 1, Text = p, OcrText = p }));
        return new ParsedDocument(1, blocks, []);
    }
}
