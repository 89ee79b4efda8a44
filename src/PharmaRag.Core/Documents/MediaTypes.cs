namespace PharmaRag.Core.Documents;

/// <summary>Maps file names to the media types the parsers understand.</summary>
public static class MediaTypes
{
    public const string Pdf = "application/pdf";
    public const string PlainText = "text/plain";
    public const string Markdown = "text/markdown";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".txt"] = PlainText,
        [".md"] = Markdown,
        [".markdown"] = Markdown,
    };

    /// <summary>The media type for a file name, or null when no parser handles it.</summary>
    public static string? FromFileName(string fileName) =>
        ByExtension.GetValueOrDefault(Path.GetExtension(fileName));

    public static IReadOnlyCollection<string> SupportedExtensions => ByExtension.Keys;
}
