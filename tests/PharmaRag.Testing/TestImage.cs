using System.Diagnostics;

namespace PharmaRag.Testing;

/// <summary>PNG fixtures: a generated PDF page rendered with poppler's pdftoppm (installed with the test prerequisites).</summary>
public static class TestImage
{
    public static async Task<byte[]> RenderPngAsync(byte[] pdf, int width = 1240, int height = 500)
    {
        var dir = Directory.CreateTempSubdirectory("pharmarag-png-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            using var process = Process.Start(ToolPath("pdftoppm"),
                ["-r", "150", "-png", "-singlefile", "-x", "0", "-y", "0", "-W", width.ToString(), "-H", height.ToString(), input, Path.Combine(dir.FullName, "out")]);
            await process.WaitForExitAsync();
            return await File.ReadAllBytesAsync(Path.Combine(dir.FullName, "out.png"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public static string ToolPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed; ./test.sh installs the test prerequisites (poppler-utils, tesseract-ocr).");
}
