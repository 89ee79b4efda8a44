using PharmaRag.Core.Documents;

namespace PharmaRag.Bench.Ingestion;

/// <summary>What ingesting a set's corpus produced and how long it took.</summary>
/// <param name="Failures">Dataset id and reason of each document that did not reach Processed.</param>
/// <param name="Seconds">From the first upload to the last job done, background steps (vectors) included.</param>
/// <param name="SearchableSeconds">From the first upload until the last document was processed (searchable by keywords), before its background steps.</param>
public sealed record IngestionResult(
    DocumentMap Map,
    IReadOnlyList<DocumentRecord> Processed,
    IReadOnlyList<(string DatasetId, string Reason)> Failures,
    double Seconds,
    double SearchableSeconds)
{
    public int Chunks => Processed.Sum(d => d.Chunks);
    public int Pages => Processed.Sum(d => d.Pages);
}
