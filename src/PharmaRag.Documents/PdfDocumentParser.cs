using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Documents.Ocr;
using PharmaRag.Documents.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace PharmaRag.Documents;

/// <summary>
/// Reads a PDF into a content list with PdfPig: paragraphs in reading order across columns,
/// headings with section paths, ruled and borderless tables (joined across pages, with captions
/// and footnotes), figures with captions, and equations. Pages are read in parallel, one PdfPig
/// document per thread. Pages without a text layer are rendered and read by OCR when tesseract is
/// installed (several pages at once), and reported unreadable otherwise. Text inside figures is
/// not read here: <see cref="TesseractFigureReader"/> does that after the document is searchable.
/// </summary>
public sealed class PdfDocumentParser(TesseractOcr? ocr = null, IOptions<LimitsOptions>? limits = null) : IDocumentParser
{
    private readonly TesseractOcr _ocr = ocr ?? new TesseractOcr();
    private readonly LimitsOptions _limits = limits?.Value ?? LimitsOptions.Default;

    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Pdf];

    /// <summary>Our own layout code for one page; a test swaps it to prove how a bug in it is reported.</summary>
    internal Func<Page, int, IReadOnlyList<Letter>, PageLayout> ReadLayout { get; init; } = PdfPageReader.Read;

    public Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken) =>
        ParseAsync(content, fileName, null, cancellationToken);

    public async Task<ParsedDocument> ParseAsync(
        Stream content, string fileName, IProgress<PageProgress>? progress, CancellationToken cancellationToken)
    {
        var bytes = await StreamBytes.ReadAllAsync(content, cancellationToken);
        var pages = await Task.Run(() => ReadPages(bytes, progress, cancellationToken), cancellationToken);
        var blocks = PdfContentAssembler.Assemble(pages);
        var unreadable = new List<int>();
        var scanned = pages.Where(p => !p.HasText).Select(p => p.Number).ToList();
        if (scanned.Count > 0)
        {
            blocks.AddRange(await ReadScannedPagesAsync(bytes, scanned, pages, unreadable, cancellationToken));
            blocks = blocks.OrderBy(b => b.Page).ToList();
        }
        return new ParsedDocument(pages.Length, blocks, unreadable);
    }

    private PageLayout[] ReadPages(byte[] bytes, IProgress<PageProgress>? progress, CancellationToken cancellationToken)
    {
        int count;
        using (var first = Open(bytes))
        {
            count = first.NumberOfPages;
        }
        if (count > _limits.MaxPages)
        {
            throw new DocumentParseException(LimitsOptions.Exceeded(nameof(LimitsOptions.MaxPages), _limits.MaxPages, $"The PDF has {count} pages"));
        }
        var pages = new PageLayout[count];
        var next = 0;
        var done = 0;
        var workers = Math.Clamp(Math.Min(Environment.ProcessorCount, count / 4), 1, 8);
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
            {
                // PdfPig documents are not thread-safe: each worker opens its own and takes pages from a shared counter.
                using var document = Open(bytes);
                int index;
                while ((index = Interlocked.Increment(ref next) - 1) < count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    pages[index] = ReadPage(document, index + 1);
                    progress?.Report(new PageProgress(Interlocked.Increment(ref done), count));
                }
            });
        }
        catch (AggregateException ex)
        {
            // The workers' failure as itself: a damaged page stays a DocumentParseException, and a bug in
            // our layout code keeps its own type, so neither is mistaken for the other.
            var first = ex.InnerExceptions.FirstOrDefault(e => e is DocumentParseException) ?? ex.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
        return pages;
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
            throw new DocumentParseException($"The PDF is damaged and cannot be read: its structure could not be parsed ({ex.GetType().Name}).", ex);
        }
    }

    private PageLayout ReadPage(PdfDocument document, int number)
    {
        Page page;
        try
        {
            // What PdfPig reads from the file: a failure here is a damaged page.
            page = document.GetPage(number);
            _ = page.Letters.Count;
            _ = page.Paths.Count;
        }
        catch (Exception ex)
        {
            throw new DocumentParseException($"Page {number} of the PDF is damaged and cannot be read ({ex.GetType().Name}).", ex);
        }
        // Our own layout code: an exception here is a bug, reported as an internal error, never as a damaged file.
        return ReadLayout(page, number, LetterCase.Repair(page, document.Structure.TokenScanner));
    }

    private async Task<List<ContentBlock>> ReadScannedPagesAsync(
        byte[] pdf, List<int> scanned, PageLayout[] pages, List<int> unreadable, CancellationToken cancellationToken)
    {
        var blocks = new List<ContentBlock>();
        if (!_ocr.CanReadPdfPages)
        {
            unreadable.AddRange(scanned);
            return blocks;
        }
        if (scanned.Count > _limits.MaxOcrImages)
        {
            throw new DocumentParseException(LimitsOptions.Exceeded(nameof(LimitsOptions.MaxOcrImages), _limits.MaxOcrImages,
                $"The PDF has {scanned.Count} pages without a text layer to render for OCR"));
        }
        var path = Path.Combine(Path.GetTempPath(), $"pharmarag-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken);
        try
        {
            var texts = new string[scanned.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, scanned.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _ocr.MaxProcesses, CancellationToken = cancellationToken },
                async (i, token) => texts[i] = await _ocr.ReadPdfPageAsync(path, scanned[i], token));
            for (var i = 0; i < scanned.Count; i++)
            {
                var page = pages[scanned[i] - 1];
                var paragraphs = OcrParagraphs.Split(texts[i]);
                if (paragraphs.Count == 0)
                {
                    unreadable.Add(page.Number);
                }
                blocks.AddRange(paragraphs.Select(p => new ContentBlock { Page = page.Number, Box = page.Box, Text = p, OcrText = p }));
            }
        }
        finally
        {
            File.Delete(path);
        }
        return blocks;
    }
}
