using System.Threading.RateLimiting;

namespace PharmaRag.Server.Access;

/// <summary>
/// A fixed-window limiter for one caller that reads time from a <see cref="TimeProvider"/> (the
/// framework's own limiters read the system clock), so that windows can be tested with a fake
/// clock. Never queues: a request over the limit is refused at once with how long until the
/// window resets (Retry-After).
/// </summary>
public sealed class WindowRateLimiter(int permits, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = time.GetUtcNow();
    private DateTimeOffset _lastUse = time.GetUtcNow();
    private int _used;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _used == 0 || time.GetUtcNow() - _windowStart >= window ? time.GetUtcNow() - _lastUse : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Roll(time.GetUtcNow());
            return new RateLimiterStatistics { CurrentAvailablePermits = permits - _used };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Roll(now);
            _lastUse = now;
            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                return Lease.Granted;
            }
            return new Lease(false, _windowStart + window - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Roll(DateTimeOffset now)
    {
        if (now - _windowStart >= window)
        {
            // Windows stay aligned to the first one, however long the caller was away.
            var elapsed = (now - _windowStart).Ticks / window.Ticks;
            _windowStart += TimeSpan.FromTicks(elapsed * window.Ticks);
            _used = 0;
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
