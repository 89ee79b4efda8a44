using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Compute;

/// <summary>
/// Stops compute after the idle timeout with no request in flight and no processing job left
/// on the server (an upload being processed keeps compute up).
/// </summary>
public sealed partial class IdleStopper(
    IComputeController compute,
    ComputeActivity activity,
    IHttpClientFactory httpClients,
    IOptions<GatewayOptions> options,
    ILogger<IdleStopper> logger) : BackgroundService
{
    private readonly TimeSpan _idleTimeout = options.Value.IdleTimeout;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!compute.StopsWhenIdle)
        {
            return;
        }
        var period = TimeSpan.FromMilliseconds(Math.Clamp(_idleTimeout.TotalMilliseconds / 5, 200, 5000));
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogCheckFailed(ex);
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (compute.RunningAddress is not { } address || !activity.IsIdle(_idleTimeout))
        {
            return;
        }
        if (await PendingJobsAsync(address, cancellationToken) > 0)
        {
            activity.Touch();
            return;
        }
        if (activity.IsIdle(_idleTimeout))
        {
            LogStopping(_idleTimeout.TotalSeconds);
            await compute.StopAsync(cancellationToken);
        }
    }

    private async Task<int> PendingJobsAsync(Uri address, CancellationToken cancellationToken)
    {
        try
        {
            var health = await httpClients.CreateClient(nameof(IdleStopper))
                .GetFromJsonAsync<JsonObject>(new Uri(address, "/health"), cancellationToken);
            return (int?)health?["jobs"]?["pending"] ?? 0;
        }
        catch (HttpRequestException)
        {
            return 0; // compute that does not answer is not doing useful work
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compute idle for {IdleSeconds} s with no jobs; stopping it")]
    private partial void LogStopping(double idleSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idle check failed")]
    private partial void LogCheckFailed(Exception error);
}
