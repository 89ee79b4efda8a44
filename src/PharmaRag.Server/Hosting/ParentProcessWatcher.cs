using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// When a gateway started this server as its compute (PharmaRag:Compute:ParentProcessId), the
/// server stops itself once that gateway is gone, even if the gateway was killed and could not
/// stop it: no orphaned compute.
/// </summary>
public sealed partial class ParentProcessWatcher(
    IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatcher> logger) : BackgroundService
{
    public const string ParentProcessIdKey = ComputeSettings.ParentProcessIdKey;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration[ParentProcessIdKey], out var parentId))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!IsAlive(parentId))
            {
                LogParentGone(parentId);
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process {ParentProcessId} is gone; stopping")]
    private partial void LogParentGone(int parentProcessId);
}
