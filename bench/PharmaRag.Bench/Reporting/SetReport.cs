using PharmaRag.Bench.Evaluation;

namespace PharmaRag.Bench.Reporting;

/// <summary>Everything measured on one set: ingestion, memory, and one row per retriever.</summary>
public sealed record SetReport
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>How a quick run cut the set down; null for the whole set.</summary>
    public string? Sampling { get; init; }
    /// <summary>Dataset documents given to the pipeline.</summary>
    public required int Documents { get; init; }
    /// <summary>Distinct documents the store processed (identical contents are one document).</summary>
    public required int StoredDocuments { get; init; }
    public required int FailedDocuments { get; init; }
    public required int Chunks { get; init; }
    /// <summary>Pages as the parsers count them (a text document is one page).</summary>
    public required int Pages { get; init; }
    /// <summary>From the first upload to the last job done: put, intake, parse, chunk, store and index, and the background steps (vectors).</summary>
    public required double IngestSeconds { get; init; }
    /// <summary>From the first upload until the last document was processed, i.e. searchable by keywords (its vectors may still be coming).</summary>
    public double SearchableSeconds { get; init; }
    public required double Throughput { get; init; }
    /// <summary>"pages/s" for sets with PDFs, else "docs/s".</summary>
    public required string ThroughputUnit { get; init; }
    /// <summary>Reading the chunks back and building the baseline index (not part of ingestion).</summary>
    public required double BaselineIndexSeconds { get; init; }
    public required int Questions { get; init; }
    /// <summary>Chunks retrieved per question.</summary>
    public required int Depth { get; init; }
    /// <summary>Highest working set of the process while this set ran (sampled every 100 ms).</summary>
    public required double PeakWorkingSetMb { get; init; }
    /// <summary>
    /// Answer sets: the share of questions whose gold (prefix rule) is in at least one stored chunk of
    /// their scope, the ceiling of recall at any k (see <see cref="Scoring.GoldCeiling"/>); null for document sets.
    /// </summary>
    public double? GoldInAnyChunk { get; init; }
    /// <summary>
    /// Answer sets: the same share over a reference extraction of the scope's documents (pdftotext for PDFs,
    /// the text itself otherwise) instead of the stored chunks; a gold missing there is not printed verbatim.
    /// </summary>
    public double? GoldInReferenceText { get; init; }
    /// <summary>The embedding model's signature ("model:dimensions") the set was indexed with.</summary>
    public string? Embeddings { get; init; }
    /// <summary>The vector weight in force for the modes' rows (the configured one, else the embedder's default), and its fusion method.</summary>
    public double? VectorWeight { get; init; }
    public string? Fusion { get; init; }
    public required IReadOnlyList<ModeReport> Modes { get; init; }
}
