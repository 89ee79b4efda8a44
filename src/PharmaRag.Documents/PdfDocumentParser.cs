using System.Text;
using PharmaRag.Core.Content;
using PharmaRag.Documents.Ocr;
using PharmaRag.Documents.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace PharmaRag.Documents;

/// <summary>
/// Reads a PDF into a content list with PdfPig: paragraphs in reading order across columns,
/// headings with section paths, ruled and borderless tables (joined across pages, with captions
/// and footnotes), figures with captions, and equations. Pages without a text layer are rendered
/// and read by OCR when tesseract is installed, and reported unreadable otherwise.
/// </summary>
public sealed class PdfDocumentParser(TesseractOcr? ocr = null) : IDocumentParser
{
    // Reading text inside figures is useful but slow; a figure-heavy paper stops after this many.
    private const int MaxFiguresToRead = 20;
    private readonly TesseractOcr _ocr = ocr ?? new TesseractOcr();

    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Pdf];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var bytes = await StreamBytes.ReadAllAsync(content, cancellationToken);
        List<PageLayout> pages;
        using (var document = Open(bytes))
        {
            pages = new List<PageLayout>(document.NumberOfPages);
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                pages.Add(ReadPage(document, number));
            }
        }
        var blocks = PdfContentAssembler.Assemble(pages);
        var unreadable = new List<int>();
        var scanned = pages.Where(p => !p.HasText).Select(p => p.Number).ToList();
        if (scanned.Count > 0)
        {
            blocks.AddRange(await ReadScannedPagesAsync(bytes, scanned, pages, unreadable, cancellationToken));
            blocks = blocks.OrderBy(b => b.Page).ToList();
        }
        await ReadFiguresAsync(blocks, cancellationToken);
        return new ParsedDocument(pages.Count, blocks, unreadable);
    }

    private static PdfDocument Open(byte[] bytes)
    {
        if (bytes.Length < 8 || !Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 1024)).Contains("%PDF-"))
        {
            throw new DocumentParseException("The file is not a PDF: it has no %PDF- header.");
        }
        try
        {
            var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true });
            if (document.NumberOfPages == 0)
            {
                document.Dispose();
                throw new DocumentParseException("The PDF has no pages.");
            }
            return document;
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentParseException("The PDF is encrypted and needs a password; upload an unencrypted copy.", ex);
        }
        catch (Exception ex) when (ex is not DocumentParseException)
        {
            throw new DocumentParseException($"The PDF is damaged and cannot be read ({ex.Message}).", ex);
        }
    }

    private static PageLayout ReadPage(PdfDocument document, int number)
    {
        try
        {
            return PdfPageReader.Read(document.GetPage(number), number);
        }
        catch (Exception ex)
        {
            throw new DocumentParseException($"Page {number} of the PDF is damaged and cannot be read ({ex.Message}).", ex);
        }
    }

    private async Task<List<ContentBlock>> ReadScannedPagesAsync(
        byte[] pdf, List<int> scanned, List<PageLayout> pages, List<int> unreadable, CancellationToken cancellationToken)
    {
        var blocks = new List<ContentBlock>();
        if (!_ocr.CanReadPdfPages)
        {
            unreadable.AddRange(scanned);
            return blocks;
        }
        var path = Path.Combine(Path.GetTempPath(), $"pharmarag-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken);
        try
        {
            foreach (var number in scanned)
            {
                var text = await _ocr.ReadPdfPageAsync(path, number, cancellationToken);
                var page = pages[number - 1];
                var paragraphs = OcrParagraphs.Split(text);
                if (paragraphs.Count == 0)
                {
                    unreadable.Add(number);
                }
                blocks.AddRange(paragraphs.Select(p => new ContentBlock { Page = number, Box = page.Box, Text = p, OcrText = p }));
            }
        }
        finally
        {
            File.Delete(path);
        }
        return blocks;
    }

    private async Task ReadFiguresAsync(List<ContentBlock> blocks, CancellationToken cancellationToken)
    {
        if (!_ocr.IsAvailable)
        {
            return;
        }
        var read = 0;
        for (var i = 0; i < blocks.Count && read < MaxFiguresToRead; i++)
        {
            if (blocks[i] is not { Kind: BlockKind.Image, Image: { } image })
            {
                continue;
            }
            read++;
            var text = await _ocr.ReadImageAsync(image.Bytes, image.MediaType == "image/jpeg" ? ".jpg" : ".png", cancellationToken);
            if (text.Length > 0)
            {
                var ocrText = string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
                blocks[i] = blocks[i] with { OcrText = ocrText, Text = string.Join("\n", new[] { blocks[i].Caption, ocrText }.Where(s => !string.IsNullOrEmpty(s))) };
            }
        }
    }
}
