using PharmaRag.Documents.Ocr;

namespace PharmaRag.Cli.Terminal;

/// <summary>One line about OCR tools that are missing, and how to install them.</summary>
internal static class OcrNotice
{
    private const string Install =
        "install them with `apt-get install tesseract-ocr tesseract-ocr-eng poppler-utils` (as root or with sudo) and run again";

    /// <summary>Null when scanned pages and images can be read.</summary>
    public static string? Missing(TesseractOcr ocr) =>
        ocr.CanReadPdfPages ? null
        : ocr.IsAvailable ? $"OCR is incomplete: pdftoppm is not installed, so scanned PDF pages are not read; {Install}."
        : $"OCR is unavailable: tesseract is not installed, so scanned pages and images are not read; {Install}.";

    public static void WarnIfMissing()
    {
        if (Missing(new TesseractOcr()) is { } line)
        {
            Console.Error.WriteLine("Note: " + line);
        }
    }
}
