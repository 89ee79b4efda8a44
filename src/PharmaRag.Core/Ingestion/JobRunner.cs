using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Diagnostics;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Claims one job and runs its remaining steps under a renewed lease. A step's explicit result
/// decides what follows: success goes on (or defers the job once the document is searchable),
/// a fatal result fails the document at once with its reason, and a transient one is retried with
/// backoff from the same step until <see cref="IngestionOptions.MaxAttempts"/>. A step that fails
/// after the document became searchable leaves it processed, with the failure as its error.
/// </summary>
public sealed partial class JobRunner(
    IJobQueue jobs,
    IRagStore store,
    DocumentIngestor ingestor,
    RunningJobs running,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger)
{
    private readonly IngestionOptions _options = options.Value;

    /// <summary>Runs the next job; returns null when none was runnable.</summary>
    public async Task<ProcessingJob?> RunNextAsync(string owner, CancellationToken cancellationToken)
    {
        var job = await jobs.TryClaimAsync(owner, _options.Lease, cancellationToken);
        PharmaRagTelemetry.SetQueueDepth(await jobs.CountPendingAsync(cancellationToken));
        if (job is null)
        {
            return null;
        }
        using var activity = PharmaRagTelemetry.Source.StartActivity("ingest job");
        activity?.SetTag("pharmarag.document.id", job.DocumentId);
        activity?.SetTag("pharmarag.job.attempt", job.Attempts);

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewLeaseAsync(job, owner, renewing.Token);
        var current = running.Start(job.DocumentId, cancellationToken);
        try
        {
            var run = await ingestor.RunAsync(job, current.Token);
            switch (run.Result.Outcome)
            {
                case StepOutcome.Success when run.Deferred:
                    await jobs.DeferAsync(job.Id, CancellationToken.None);
                    break;
                case StepOutcome.Success or StepOutcome.Gone:
                    await jobs.CompleteAsync(job.Id, CancellationToken.None);
                    break;
                case StepOutcome.Fatal:
                    await FailAsync(job, run.Result.Reason!, run.Step, run.Background);
                    break;
                default:
                    await RetryOrFailAsync(job, run.Result.Reason!, run.Step, run.Background);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the job stays claimed and is released when the data directory is opened next.
            throw;
        }
        catch (OperationCanceledException) when (current.Cancelled(cancellationToken))
        {
            // The document is being deleted: whoever deletes it removes what the job wrote.
            LogCancelled(job.DocumentId);
            await jobs.CompleteAsync(job.Id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The store failed around the steps (disk full, database locked).
            LogStoreError(ex, job.DocumentId);
            await RetryOrFailAsync(job, $"{ex.GetType().Name} while recording progress", step: null, background: false);
        }
        finally
        {
            current.Dispose();
            await renewing.CancelAsync();
            await renewal;
        }
        return job;
    }

    private async Task FailAsync(ProcessingJob job, string reason, string? step, bool background)
    {
        LogFailed(job.DocumentId, reason);
        await jobs.FailAsync(job.Id, reason, retryAt: null, CancellationToken.None);
        if (background)
        {
            // The document stays searchable by keyword; the failed step is named in its error.
            await store.UpdateStatusAsync(job.DocumentId, new DocumentStatusUpdate(DocumentStatus.Processed)
            {
                PendingSteps = [], Error = $"The {step} step failed: {reason} The document is searchable by keyword.",
            }, CancellationToken.None);
            return;
        }
        await store.UpdateStatusAsync(job.DocumentId, new DocumentStatusUpdate(DocumentStatus.Failed) { Error = reason, Step = step }, CancellationToken.None);
    }

    private async Task RetryOrFailAsync(ProcessingJob job, string reason, string? step, bool background)
    {
        if (job.Attempts >= _options.MaxAttempts)
        {
            await FailAsync(job, $"Gave up after {job.Attempts} attempts. Last error: {reason}.", step, background);
            return;
        }
        var delay = TimeSpan.FromSeconds(Math.Pow(2, job.Attempts));
        LogRetry(job.DocumentId, job.Attempts, step, delay.TotalSeconds, reason);
        await jobs.FailAsync(job.Id, reason, clock.GetUtcNow() + delay, CancellationToken.None);
        var error = $"Attempt {job.Attempts} of {_options.MaxAttempts} failed ({reason}); retrying.";
        await store.UpdateStatusAsync(job.DocumentId,
            background ? new DocumentStatusUpdate(DocumentStatus.Processed) { Error = error } : new DocumentStatusUpdate(DocumentStatus.Pending) { Error = error },
            CancellationToken.None);
    }

    private async Task RenewLeaseAsync(ProcessingJob job, string owner, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.Lease / 3, clock, cancellationToken);
                await jobs.RenewLeaseAsync(job.Id, owner, _options.Lease, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} was deleted while processing; its job stopped")]
    private partial void LogCancelled(string documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} failed: {Reason}")]
    private partial void LogFailed(string documentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} attempt {Attempt} failed in step {Step}; retrying in {DelaySeconds} s: {Reason}")]
    private partial void LogRetry(string documentId, int attempt, string? step, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Document {DocumentId}: the store failed while running its job")]
    private partial void LogStoreError(Exception error, string documentId);
}
