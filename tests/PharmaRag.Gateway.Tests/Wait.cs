using System.Diagnostics;

namespace PharmaRag.Gateway.Tests;

/// <summary>Polling helpers: wait for a condition, failing with a message after a deadline.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting for {what}.");
            }
            await Task.Delay(100);
        }
    }

    public static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
