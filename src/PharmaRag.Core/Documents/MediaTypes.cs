namespace PharmaRag.Core.Documents;

/// <summary>Maps file names to the media types the parsers understand.</summary>
public static class MediaTypes
{
    public const string Pdf = "application/pdf";
    public const string PlainText = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";
    public const string Csv = "text/csv";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Tiff = "image/tiff";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".txt"] = PlainText,
        [".md"] = Markdown,
        [".markdown"] = Markdown,
        [".html"] = Html,
        [".htm"] = Html,
        [".csv"] = Csv,
        [".docx"] = Docx,
        [".xlsx"] = Xlsx,
        [".pptx"] = Pptx,
        [".png"] = Png,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".tif"] = Tiff,
        [".tiff"] = Tiff,
    };

    /// <summary>The media type for a file name, or null when no parser handles it.</summary>
    public static string? FromFileName(string fileName) =>
        ByExtension.GetValueOrDefault(Path.GetExtension(fileName));

    public static IReadOnlyCollection<string> SupportedExtensions => ByExtension.Keys;

    /// <summary>Whether the type is text read whole (plain text, Markdown, HTML, CSV).</summary>
    public static bool IsText(string mediaType) => mediaType.StartsWith("text/", StringComparison.Ordinal);
}
