using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Server.Hosting;

/// <summary>Runs processing jobs in the background with bounded parallelism.</summary>
public sealed partial class IngestionWorker(
    PharmaRagStartup startup,
    JobRunner runner,
    JobSignal signal,
    IOptions<IngestionOptions> options,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Stores are ready before the server takes its first request.
        await startup.RunAsync(releaseJobs: true, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(i => LoopAsync($"{Environment.ProcessId}/{i}", stoppingToken)));

    private async Task LoopAsync(string owner, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await runner.RunNextAsync(owner, stoppingToken) is null)
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store itself failed (disk full, database locked): back off and keep serving.
                LogLoopError(ex, owner);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion worker {Owner} failed to run a job")]
    private partial void LogLoopError(Exception error, string owner);
}
