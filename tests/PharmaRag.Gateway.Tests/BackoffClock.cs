using Microsoft.Extensions.Time.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// Moves a FakeTimeProvider on in small steps until a condition holds, so a retry backoff waiting on
/// that clock elapses without real waiting. Each step yields briefly so the gateway's threads can
/// register their next timer; no assertion depends on how long anything took.
/// </summary>
public static class BackoffClock
{
    public static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> done, int maxSteps = 400)
    {
        for (var step = 0; !done(); step++)
        {
            if (step == maxSteps)
            {
                throw new TimeoutException($"Nothing happened in {maxSteps} steps of the fake clock.");
            }
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(10);
        }
    }
}
