using System.Collections.Concurrent;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// The jobs this process is running, each with its own cancellation linked to the worker's stop
/// token, so that deleting a document stops its job at once instead of letting it run to the end.
/// </summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    /// <summary>Jobs running now (one per document).</summary>
    public int Count => _runs.Count;

    /// <summary>Registers the job of a document; dispose the result when the run has ended.</summary>
    public Run Start(string documentId, CancellationToken stopping)
    {
        var run = new Run(this, documentId, CancellationTokenSource.CreateLinkedTokenSource(stopping));
        _runs[documentId] = run;
        return run;
    }

    /// <summary>
    /// Cancels the running job of a document, if any, and waits until its run has ended (or the
    /// caller gives up), so that what is deleted next is not written again by that job.
    /// </summary>
    public async Task<bool> CancelAsync(string documentId, CancellationToken cancellationToken)
    {
        if (!_runs.TryGetValue(documentId, out var run))
        {
            return false;
        }
        try
        {
            await run.Source.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return true; // the run ended meanwhile
        }
        await run.Ended.Task.WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>One running job: its token, and whether it was cancelled for its document's deletion.</summary>
    public sealed class Run(RunningJobs owner, string documentId, CancellationTokenSource source) : IDisposable
    {
        internal CancellationTokenSource Source { get; } = source;

        internal TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token => Source.Token;

        /// <summary>True when the job was cancelled because its document is being deleted (not because the process stops).</summary>
        public bool Cancelled(CancellationToken stopping) => Source.IsCancellationRequested && !stopping.IsCancellationRequested;

        public void Dispose()
        {
            ((ICollection<KeyValuePair<string, Run>>)owner._runs).Remove(new KeyValuePair<string, Run>(documentId, this));
            Ended.TrySetResult();
            Source.Dispose();
        }
    }
}
