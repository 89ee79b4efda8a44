using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Core.Configuration;

/// <summary>Settings of the ingestion pipeline (section PharmaRag:Ingestion).</summary>
public sealed class IngestionOptions
{
    public const string Section = "PharmaRag:Ingestion";

    /// <summary>
    /// File-name patterns (separated by ';') whose uploads are processed automatically, as the
    /// original's S3 event filter on *.pdf.
    /// </summary>
    [Required]
    public string ProcessFilter { get; set; } = "*.pdf";

    /// <summary>Attempts before a document whose processing keeps failing is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a worker holds a job before another may take it over.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Documents processed at the same time.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>Target size of a chunk in model tokens.</summary>
    [Range(32, 8192)]
    public int ChunkTokens { get; set; } = 300;

    /// <summary>Tokens of the previous chunk repeated at the start of the next one.</summary>
    [Range(0, 1024)]
    public int ChunkOverlapTokens { get; set; } = 40;

    /// <summary>Chunks written to the store per transaction.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 64;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
