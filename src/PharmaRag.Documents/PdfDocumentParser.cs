using System.Text;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace PharmaRag.Documents;

/// <summary>
/// Reads PDF text page by page with PdfPig: words are grouped into blocks by layout analysis
/// (Docstrum) and ordered for reading, so the columns of a two-column page do not interleave.
/// </summary>
public sealed class PdfDocumentParser : IDocumentParser
{
    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.Pdf];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var bytes = await ReadAllAsync(content, cancellationToken);
        using var document = Open(bytes);
        var blocks = new List<ContentBlock>();
        var unreadable = new List<int>();
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pageBlocks = ReadPage(document, number);
            if (pageBlocks.Count == 0)
            {
                unreadable.Add(number);
            }
            blocks.AddRange(pageBlocks);
        }
        return new ParsedDocument(document.NumberOfPages, blocks, unreadable);
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

    private static List<ContentBlock> ReadPage(PdfDocument document, int number)
    {
        Page page;
        IReadOnlyList<Word> words;
        try
        {
            page = document.GetPage(number);
            words = page.GetWords(NearestNeighbourWordExtractor.Instance).ToList();
        }
        catch (Exception ex)
        {
            throw new DocumentParseException($"Page {number} of the PDF is damaged and cannot be read ({ex.Message}).", ex);
        }
        if (words.Count == 0)
        {
            return [];
        }
        var segments = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        var ordered = UnsupervisedReadingOrderDetector.Instance.Get(segments);
        var blocks = new List<ContentBlock>();
        foreach (var segment in ordered)
        {
            var text = JoinLines(segment.TextLines.Select(l => l.Text));
            if (text.Length == 0)
            {
                continue;
            }
            var box = segment.BoundingBox;
            blocks.Add(new ContentBlock
            {
                Page = number,
                Box = new BoundingBox(box.Left, box.Bottom, box.Right, box.Top),
                Text = text,
            });
        }
        return blocks;
    }

    // Lines of one block are one paragraph. A line that ends in a hyphen joins the next without a
    // space, keeping the hyphen: "once-" + "daily" stays findable as "once-daily".
    private static string JoinLines(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (text.Length > 0 && text[^1] != '-')
            {
                text.Append(' ');
            }
            text.Append(line);
        }
        return text.ToString();
    }

    private static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var segment) && segment.Offset == 0 && memory.Position == 0)
        {
            return segment.Count == segment.Array!.Length ? segment.Array : memory.ToArray();
        }
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
