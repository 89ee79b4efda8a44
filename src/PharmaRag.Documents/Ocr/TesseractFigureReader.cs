using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Ocr;

/// <summary>
/// Reads text inside figures with tesseract, several at once (bounded by <see cref="TesseractOcr.MaxProcesses"/>),
/// only where it can add text: figures big enough to hold text, with no text layer over them, not read before.
/// </summary>
public sealed class TesseractFigureReader(TesseractOcr ocr) : IFigureTextReader
{
    // Reading text inside figures is useful but slow; a figure-heavy paper stops after this many.
    private const int MaxFiguresToRead = 20;

    public bool IsAvailable => ocr.IsAvailable;

    public async Task<ParsedDocument> ReadFiguresAsync(ParsedDocument document, CancellationToken cancellationToken)
    {
        var blocks = document.Blocks.ToArray();
        var figures = Enumerable.Range(0, blocks.Length)
            .Where(i => blocks[i] is { Kind: BlockKind.Image, Image.WorthOcr: true, OcrText: null })
            .Take(MaxFiguresToRead)
            .ToArray();
        if (figures.Length == 0 || !ocr.IsAvailable)
        {
            return document;
        }
        await Parallel.ForEachAsync(figures, new ParallelOptions { MaxDegreeOfParallelism = ocr.MaxProcesses, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var block = blocks[i];
                var text = await ocr.ReadImageAsync(block.Image!.Bytes, block.Image.MediaType == "image/jpeg" ? ".jpg" : ".png", token);
                var ocrText = string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
                // An empty result is recorded too, so the figure is not read again.
                blocks[i] = ocrText.Length == 0
                    ? block with { OcrText = "" }
                    : block with
                    {
                        OcrText = ocrText,
                        Text = string.Join("\n", new[] { block.Caption, ocrText }.Where(s => !string.IsNullOrEmpty(s))),
                        Description = null,
                    };
            });
        return document with { Blocks = blocks };
    }
}
