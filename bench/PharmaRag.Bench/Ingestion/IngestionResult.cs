using PharmaRag.Core.Documents;

namespace PharmaRag.Bench.Ingestion;

/// <summary>What ingesting a set's corpus produced and how long it took.</summary>
/// <param name="Failures">Dataset id and reason of each document that did not reach Processed.</param>
public sealed record IngestionResult(
    DocumentMap Map,
    IReadOnlyList<DocumentRecord> Processed,
    IReadOnlyList<(string DatasetId, string Reason)> Failures,
    double Seconds)
{
    public int Chunks => Processed.Sum(d => d.Chunks);
    public int Pages => Processed.Sum(d => d.Pages);
}
