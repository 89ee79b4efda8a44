using PharmaRag.Core.Content;
using PharmaRag.Documents.Ocr;
using PharmaRag.Testing;

namespace PharmaRag.Documents.Tests;

/// <summary>Runs whenever tesseract and pdftoppm are installed (CI installs them); the PNG is rendered from a generated PDF.</summary>
public sealed class OcrTests
{
    private static readonly TesseractOcr Ocr = new();

    [Fact]
    public async Task A_png_with_text_is_read_by_ocr_and_a_scanned_pdf_page_too()
    {
        if (!Ocr.CanReadPdfPages)
        {
            return; // nothing to test on a machine without OCR; the unreadable path is tested below
        }
        var png = await RenderAsync(TestPdf.Pages(["AMOXICILLIN CAPSULES 500 MG", "Take one capsule every eight hours."]));

        var image = await new ImageParser(Ocr).ParseAsync(new MemoryStream(png), "label.png", CancellationToken.None);
        Assert.Contains(image.Blocks, b => b.Text.Contains("AMOXICILLIN", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(image.UnreadablePages);

        var scanned = await new PdfDocumentParser(Ocr).ParseAsync(new MemoryStream(TestPdf.ImageOnly(png)), "scan.pdf", CancellationToken.None);
        Assert.Empty(scanned.UnreadablePages);
        Assert.Contains(scanned.Blocks, b => b.Page == 1 && b.OcrText is not null && b.Text.Contains("capsule", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<byte[]> RenderAsync(byte[] pdf)
    {
        var dir = Directory.CreateTempSubdirectory("pharmarag-ocr-test");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            var pdftoppm = ExternalToolPath("pdftoppm");
            using var process = System.Diagnostics.Process.Start(pdftoppm, ["-r", "150", "-png", "-singlefile", "-x", "0", "-y", "0", "-W", "1240", "-H", "500", input, Path.Combine(dir.FullName, "out")]);
            await process.WaitForExitAsync();
            return await File.ReadAllBytesAsync(Path.Combine(dir.FullName, "out.png"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string ExternalToolPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).First(File.Exists);
}
