namespace PharmaRag.Core.Ingestion;

/// <summary>Wakes idle workers when a job is queued, so they need not poll often.</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, int.MaxValue);

    public void Notify() => _semaphore.Release();

    /// <summary>Waits until notified or the timeout passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _semaphore.WaitAsync(timeout, cancellationToken);
}
