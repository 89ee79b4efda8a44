namespace PharmaRag.Core.Storage;

/// <summary>
/// One run of one ingestion step of a document, as the job queue records it: started, then
/// finished with an outcome. A run with no <see cref="FinishedAt"/> was interrupted (or is running).
/// </summary>
public sealed record StepRecord
{
    public required long Id { get; init; }
    public required string DocumentId { get; init; }
    public required string Step { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>success, transient, fatal or gone (see <see cref="Ingestion.Steps.StepOutcome"/>), null while unfinished.</summary>
    public string? Outcome { get; init; }
    public string? Error { get; init; }

    /// <summary>The run's duration, when finished.</summary>
    public TimeSpan? Duration => FinishedAt - StartedAt;
}
