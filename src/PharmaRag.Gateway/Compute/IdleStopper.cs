using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Compute;

/// <summary>
/// For a gateway that runs as a long-lived process: runs the idle check periodically while this
/// instance knows compute to be running. The check reads only durable state (the server's
/// /health, the inbox), so a Lambda deployment runs the same check from an EventBridge schedule.
/// </summary>
public sealed partial class IdleStopper(
    IComputeController compute,
    IdleCheck idleCheck,
    IOptions<GatewayOptions> options,
    TimeProvider clock,
    ILogger<IdleStopper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!compute.StopsWhenIdle)
        {
            return;
        }
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.IdleTimeout.TotalMilliseconds / 5, 200, 5000));
        using var timer = new PeriodicTimer(period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (compute.RunningAddress is null)
            {
                continue;
            }
            try
            {
                await idleCheck.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogCheckFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idle check failed")]
    private partial void LogCheckFailed(Exception error);
}
