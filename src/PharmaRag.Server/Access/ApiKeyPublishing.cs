using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Server.Access;

/// <summary>
/// Publishes the key directory for the gateway at start-up and then every minute, so that keys
/// changed by another replica or straight in the database reach the gateway too; the /keys
/// routes and `pharmarag keys` publish at once after each change.
/// </summary>
public sealed partial class ApiKeyPublishing(
    ApiKeyPublisher publisher, PharmaRagStartup startup, TimeProvider time, ILogger<ApiKeyPublishing> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The key table exists once the stores are migrated; hosted services start before that.
        await startup.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await publisher.PublishAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPublishFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API key directory could not be published for the gateway; retrying in a minute")]
    private partial void LogPublishFailed(Exception error);
}
