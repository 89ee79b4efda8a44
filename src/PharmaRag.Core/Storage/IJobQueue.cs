using PharmaRag.Core.Ingestion.Steps;

namespace PharmaRag.Core.Storage;

/// <summary>
/// Durable processing jobs. A claimed job holds a lease; a job whose lease ran out (its worker
/// died) can be claimed again. Attempts are counted so that failures end instead of looping.
/// </summary>
public interface IJobQueue
{
    /// <summary>Queues processing of a document unless a job for it is already queued or running.</summary>
    Task EnqueueAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Claims the oldest runnable job, or returns null.</summary>
    Task<ProcessingJob?> TryClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken);

    Task RenewLeaseAsync(long jobId, string owner, TimeSpan lease, CancellationToken cancellationToken);
    Task CompleteAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>Records a failure: the job is retried at <paramref name="retryAt"/>, or ends when that is null.</summary>
    Task FailAsync(long jobId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>Makes jobs held by earlier runs of this data directory runnable again.</summary>
    Task<int> ReleaseAllLeasesAsync(CancellationToken cancellationToken);

    Task<int> CountPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records that <paramref name="step"/> of the job's document started and returns the run's id.
    /// Runs are kept (with the document) after the job ends, so that how often and how long each
    /// step ran can be read back.
    /// </summary>
    Task<long> StartStepAsync(long jobId, string step, CancellationToken cancellationToken);

    /// <summary>
    /// Records how a step run ended. On <see cref="StepOutcome.Success"/> the job remembers the step as
    /// its last completed one (<see cref="ProcessingJob.LastStep"/>), so a later claim resumes after it.
    /// </summary>
    Task FinishStepAsync(long runId, StepOutcome outcome, string? error, CancellationToken cancellationToken);

    /// <summary>Every recorded step run of a document, oldest first.</summary>
    Task<IReadOnlyList<StepRecord>> ListStepsAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a running job back in the queue behind every job that was not deferred, without counting
    /// an attempt: its document is searchable and only background steps remain.
    /// </summary>
    Task DeferAsync(long jobId, CancellationToken cancellationToken);
}
