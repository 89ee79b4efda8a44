using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Core.Configuration;

/// <summary>
/// Bounds on what one document may cost (section PharmaRag:Limits). A document over a limit fails
/// at once with a reason that names the setting and its value (see <see cref="Exceeded"/>), so a
/// zip bomb or a ten-thousand-page PDF cannot take the server's memory or keep a worker busy.
/// The defaults keep the server under about 1.5 GiB on any input.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "PharmaRag:Limits";

    /// <summary>The defaults, for parsers built without configuration (tests, tools).</summary>
    public static LimitsOptions Default { get; } = new();

    /// <summary>Pages (PDF pages, DOCX page breaks, sheets, slides) of one document.</summary>
    [Range(1, 1_000_000)]
    public int MaxPages { get; set; } = 2000;

    /// <summary>Characters of text in one document's content list.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCharacters { get; set; } = 20_000_000;

    /// <summary>Content blocks (paragraphs, tables, figures) of one document.</summary>
    [Range(1, 10_000_000)]
    public int MaxBlocks { get; set; } = 200_000;

    /// <summary>Chunks of one document.</summary>
    [Range(1, 10_000_000)]
    public int MaxChunks { get; set; } = 50_000;

    /// <summary>Images of one document rendered and read by OCR (scanned pages).</summary>
    [Range(0, 100_000)]
    public int MaxOcrImages { get; set; } = 300;

    /// <summary>Bytes an Office package (DOCX, XLSX, PPTX) may inflate to, all entries together.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxPackageBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Entries (parts) of an Office package.</summary>
    [Range(1, 1_000_000)]
    public int MaxPackageEntries { get; set; } = 10_000;

    /// <summary>Wall-clock seconds one ingestion step of one document may take.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int StepTimeoutSeconds { get; set; } = 1800;

    /// <summary>Bytes of a request body on a JSON route (queries, search, process).</summary>
    [Range(1024, int.MaxValue)]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Bytes of a request body on the multimodal query routes, which carry images.</summary>
    [Range(1024, int.MaxValue)]
    public long MaxMultimodalRequestBytes { get; set; } = 32L * 1024 * 1024;

    public TimeSpan StepTimeout => TimeSpan.FromSeconds(StepTimeoutSeconds);

    /// <summary>The reason a document over a limit fails with: what was found, the setting and its value.</summary>
    public static string Exceeded(string setting, object limit, string found) =>
        $"{found}, over the limit {Section}:{setting} = {limit}. Split the document, or raise the limit.";
}
