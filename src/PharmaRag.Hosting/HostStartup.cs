using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Shared hosting types keep the namespaces they had in the server, so their callers are unchanged.
namespace PharmaRag.Server.Hosting;

/// <summary>Starting a host the same way in the server and the gateway.</summary>
public static class HostStartup
{
    /// <summary>
    /// Runs the ValidateOnStart checks now, so that an invalid setting stops the entry point with
    /// an <see cref="OptionsValidationException"/> before any lock, port or file is taken.
    /// </summary>
    public static void ValidateOptions(IServiceProvider services) =>
        services.GetService<IStartupValidator>()?.Validate();

    /// <summary>
    /// Starts the host; when start fails (a port in use, a refused data directory), stops what
    /// did start, so background services end as on a normal stop instead of reporting their
    /// cancellation as a crash, and rethrows the cause.
    /// </summary>
    public static async Task StartAndStopOnFailureAsync(this IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await host.StopAsync(stopping.Token);
            }
            catch (Exception stopError) when (stopError is OperationCanceledException or AggregateException or InvalidOperationException)
            {
                // The start failure is what the caller needs to see.
            }
            throw;
        }
    }
}
