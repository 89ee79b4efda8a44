namespace PharmaRag.Server.Hosting;

/// <summary>
/// Requests in flight on this server and when the last one ended, reported in /health so that
/// whoever stops idle compute (a scheduled gateway invocation) never stops it under a request.
/// Health checks themselves are not activity.
/// </summary>
public sealed class RequestActivity(TimeProvider clock)
{
    private int _inFlight;
    private long _lastTicks = clock.GetUtcNow().UtcTicks;

    public int InFlight => Volatile.Read(ref _inFlight);

    public DateTimeOffset LastRequestAt => new(Interlocked.Read(ref _lastTicks), TimeSpan.Zero);

    public TimeSpan IdleFor => InFlight > 0 ? TimeSpan.Zero : clock.GetUtcNow() - LastRequestAt;

    public IDisposable Begin()
    {
        Interlocked.Increment(ref _inFlight);
        Touch();
        return new Scope(this);
    }

    private void Touch() => Interlocked.Exchange(ref _lastTicks, clock.GetUtcNow().UtcTicks);

    private sealed class Scope(RequestActivity activity) : IDisposable
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
