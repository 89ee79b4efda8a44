namespace PharmaRag.Server.Hosting;

/// <summary>Finds the tesseract executable on PATH once.</summary>
public static class OcrAvailability
{
    private static readonly Lazy<string?> Path = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "tesseract"))
            .FirstOrDefault(File.Exists));

    public static string? Tesseract => Path.Value;
}
