using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Claims one job and runs the pipeline under a renewed lease. A file that cannot be parsed
/// fails at once with its reason; any other error is retried with backoff until
/// <see cref="IngestionOptions.MaxAttempts"/>, then the document fails with the last error.
/// </summary>
public sealed partial class JobRunner(
    IJobQueue jobs,
    IRagStore store,
    DocumentIngestor ingestor,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger)
{
    private readonly IngestionOptions _options = options.Value;

    /// <summary>Runs the next job; returns null when none was runnable.</summary>
    public async Task<ProcessingJob?> RunNextAsync(string owner, CancellationToken cancellationToken)
    {
        var job = await jobs.TryClaimAsync(owner, _options.Lease, cancellationToken);
        if (job is null)
        {
            return null;
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewLeaseAsync(job, owner, renewing.Token);
        try
        {
            await ingestor.ProcessAsync(job.DocumentId, cancellationToken);
            await jobs.CompleteAsync(job.Id, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the job stays claimed and is released when the data directory is opened next.
            throw;
        }
        catch (DocumentParseException ex)
        {
            LogFailed(job.DocumentId, ex.Message);
            await jobs.FailAsync(job.Id, ex.Message, retryAt: null, CancellationToken.None);
            await MarkFailedAsync(job.DocumentId, ex.Message);
        }
        catch (Exception ex)
        {
            await RetryOrFailAsync(job, ex);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
        return job;
    }

    private async Task RetryOrFailAsync(ProcessingJob job, Exception error)
    {
        var message = $"{error.GetType().Name}: {error.Message}";
        if (job.Attempts >= _options.MaxAttempts)
        {
            var reason = $"Gave up after {job.Attempts} attempts. Last error: {message}";
            LogFailed(job.DocumentId, reason);
            await jobs.FailAsync(job.Id, message, retryAt: null, CancellationToken.None);
            await MarkFailedAsync(job.DocumentId, reason);
            return;
        }
        var delay = TimeSpan.FromSeconds(Math.Pow(2, job.Attempts));
        LogRetry(error, job.DocumentId, job.Attempts, delay.TotalSeconds);
        await jobs.FailAsync(job.Id, message, clock.GetUtcNow() + delay, CancellationToken.None);
        await store.UpdateStatusAsync(job.DocumentId, new DocumentStatusUpdate(DocumentStatus.Pending)
        {
            Error = $"Attempt {job.Attempts} of {_options.MaxAttempts} failed ({message}); retrying.",
        }, CancellationToken.None);
    }

    private Task MarkFailedAsync(string documentId, string reason) =>
        store.UpdateStatusAsync(documentId, new DocumentStatusUpdate(DocumentStatus.Failed) { Error = reason }, CancellationToken.None);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} failed: {Reason}")]
    private partial void LogFailed(string documentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} attempt {Attempt} failed; retrying in {DelaySeconds} s")]
    private partial void LogRetry(Exception error, string documentId, int attempt, double delaySeconds);
}
