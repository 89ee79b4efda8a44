using PharmaRag.Core.Documents;

namespace PharmaRag.Server.Contracts;

/// <summary>A document as the API shows it; <c>pending_steps</c> lists the background steps still to run after it became searchable.</summary>
public sealed record DocumentResponse(
    string Id,
    string Key,
    string Filename,
    string MediaType,
    long SizeBytes,
    DocumentStatus Status,
    string? Step,
    double Progress,
    int Pages,
    int Chunks,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> PendingSteps)
{
    public static DocumentResponse From(DocumentRecord d) =>
        new(d.Id, d.Key, d.FileName, d.MediaType, d.SizeBytes, d.Status, d.Step, Math.Round(d.Progress, 3),
            d.Pages, d.Chunks, d.Error, d.CreatedAt, d.UpdatedAt, d.PendingSteps);
}
