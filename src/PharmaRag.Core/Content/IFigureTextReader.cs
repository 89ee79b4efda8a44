namespace PharmaRag.Core.Content;

/// <summary>
/// Reads the text printed inside figures (OCR). Slow, so it runs in the background after the
/// document is searchable, and only on figures where it can add text.
/// </summary>
public interface IFigureTextReader
{
    /// <summary>False when no OCR tool is installed; the reader then changes nothing.</summary>
    bool IsAvailable { get; }

    /// <summary>Returns the document with <see cref="ContentBlock.OcrText"/> (and text) filled for the figures worth reading.</summary>
    Task<ParsedDocument> ReadFiguresAsync(ParsedDocument document, CancellationToken cancellationToken);
}
