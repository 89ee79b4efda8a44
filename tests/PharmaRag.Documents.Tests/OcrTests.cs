using PharmaRag.Core.Content;
using PharmaRag.Documents.Ocr;
using PharmaRag.Testing;

namespace PharmaRag.Documents.Tests;

/// <summary>Real tesseract and pdftoppm (test prerequisites); the PNG is rendered from a generated PDF.</summary>
public sealed class OcrTests
{
    private static readonly TesseractOcr Ocr = new();

    [Fact]
    public async Task A_png_with_text_is_read_by_ocr_and_a_scanned_pdf_page_too()
    {
        Assert.True(Ocr.CanReadPdfPages, "tesseract and pdftoppm must be installed (./test.sh installs them)");
        var png = await TestImage.RenderPngAsync(TestPdf.Pages(["AMOXICILLIN CAPSULES 500 MG", "Take one capsule every eight hours."]));

        var image = await new ImageParser(Ocr).ParseAsync(new MemoryStream(png), "label.png", CancellationToken.None);
        Assert.Contains(image.Blocks, b => b.Text.Contains("AMOXICILLIN", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(image.UnreadablePages);

        var scanned = await new PdfDocumentParser(Ocr).ParseAsync(new MemoryStream(TestPdf.ImageOnly(png)), "scan.pdf", CancellationToken.None);
        Assert.Empty(scanned.UnreadablePages);
        Assert.Contains(scanned.Blocks, b => b.Page == 1 && b.OcrText is not null && b.Text.Contains("capsule", StringComparison.OrdinalIgnoreCase));
    }
}
