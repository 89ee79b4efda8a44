using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Storage;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// Saves the in-memory vector graph now and then and at shutdown, so that a restart loads it
/// rather than rebuilding (a crash only costs a rebuild: the vectors themselves are in the store).
/// </summary>
public sealed partial class VectorIndexFlusher(IVectorIndex vectors, ILogger<VectorIndexFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await FlushAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await vectors.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFlushFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the vector graph; it will be rebuilt at the next start")]
    private partial void LogFlushFailed(Exception error);
}
