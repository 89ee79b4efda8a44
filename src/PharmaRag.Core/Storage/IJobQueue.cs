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
}
