using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Access;
using PharmaRag.Core.Ingestion;
using PharmaRag.Hosting.Inbox;
using PharmaRag.Server.Workspaces;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// Drains the work gateway instances queued in the object store while compute was stopped:
/// uploads are taken in (a durable job each) and queries are answered through this server's own
/// HTTP routes, so a queued query gets exactly the response a direct one would.
/// </summary>
public sealed partial class InboxWorker(
    WorkInbox inbox,
    DocumentIntake intake,
    WorkspaceEngines workspaces,
    IServer server,
    IHttpClientFactory httpClients,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan AnswerRetention = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        do
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogDrainFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        foreach (var (marker, queued) in await inbox.PendingEventsAsync(cancellationToken))
        {
            try
            {
                // An upload into a workspace is taken in by that workspace's engine, from its own store.
                var target = queued.Workspace is { } workspace && workspace != Workspace.Default
                    ? (await workspaces.GetAsync(workspace, create: true, cancellationToken))!.GetRequiredService<DocumentIntake>()
                    : intake;
                var result = await target.ProcessKeyAsync(queued.Key, force: false, cancellationToken);
                LogEventTaken(queued.Key, queued.Workspace ?? Workspace.Default, result.Document.Id, result.Queued);
            }
            catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException)
            {
                LogEventDropped(queued.Key, ex.Message); // unsupported or gone: nothing to retry
            }
            await inbox.CompleteAsync(marker, cancellationToken);
        }
        var queries = await inbox.PendingQueriesAsync(cancellationToken);
        if (queries.Count > 0 && OwnAddress() is { } address)
        {
            var http = httpClients.CreateClient(nameof(InboxWorker));
            foreach (var (marker, query) in queries)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, query.Path))
                {
                    Content = new StringContent(query.Body, Encoding.UTF8),
                };
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(query.ContentType ?? "application/json");
                foreach (var (name, value) in query.Headers ?? new Dictionary<string, string>())
                {
                    request.Headers.TryAddWithoutValidation(name, value); // the caller's identity and workspace
                }
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                await inbox.AnswerAsync(marker, query,
                    new QueuedAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, clock.GetUtcNow(), query.Caller),
                    cancellationToken);
                LogQueryAnswered(query.Id, (int)response.StatusCode);
            }
        }
        await inbox.ExpireAnswersAsync(AnswerRetention, cancellationToken);
    }

    /// <summary>A loopback address this server listens on.</summary>
    private Uri? OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }
        var uri = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"));
        return uri.Host == "0.0.0.0" ? new UriBuilder(uri) { Host = "127.0.0.1" }.Uri : uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued upload {Key} of workspace {Workspace} taken in as document {DocumentId} (queued: {Queued})")]
    private partial void LogEventTaken(string key, string workspace, string documentId, bool queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued upload {Key} dropped: {Reason}")]
    private partial void LogEventDropped(string key, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued query {QueryId} answered: {StatusCode}")]
    private partial void LogQueryAnswered(string queryId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draining the inbox failed; retrying on the next poll")]
    private partial void LogDrainFailed(Exception error);
}
