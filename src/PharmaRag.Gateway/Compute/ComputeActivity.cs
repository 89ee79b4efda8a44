namespace PharmaRag.Gateway.Compute;

/// <summary>
/// Requests in flight to compute and the time of the last one. Compute is idle only when no
/// request is in flight and none ended within the idle timeout, so that concurrent requests
/// never stop each other's compute (the original stopped the task after every request).
/// </summary>
public sealed class ComputeActivity(TimeProvider clock)
{
    private int _inFlight;
    private long _lastActivityTicks = clock.GetUtcNow().UtcTicks;

    public int InFlight => Volatile.Read(ref _inFlight);

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>Marks a request in flight until the returned scope is disposed.</summary>
    public IDisposable Begin()
    {
        Interlocked.Increment(ref _inFlight);
        Touch();
        return new Scope(this);
    }

    public void Touch() => Interlocked.Exchange(ref _lastActivityTicks, clock.GetUtcNow().UtcTicks);

    public bool IsIdle(TimeSpan idleTimeout) => InFlight == 0 && clock.GetUtcNow() - LastActivity >= idleTimeout;

    private sealed class Scope(ComputeActivity activity) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                activity.Touch();
                Interlocked.Decrement(ref activity._inFlight);
            }
        }
    }
}
