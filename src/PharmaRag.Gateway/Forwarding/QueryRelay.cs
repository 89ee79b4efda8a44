using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Compute;
using PharmaRag.Gateway.Endpoints;
using PharmaRag.Gateway.Hosting;
using PharmaRag.Hosting.Inbox;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>
/// Relays a query to compute. Warm compute, or compute that becomes ready within the cold-start
/// wait, answers at once. Otherwise the query is written to the inbox in the object store and
/// the client gets 202 with a Location any gateway instance can answer: the server answers
/// queued queries when it runs, so nothing depends on this instance staying alive.
/// </summary>
public sealed class QueryRelay(ComputeForwarder forwarder, IComputeController compute, WorkInbox inbox, IOptions<GatewayOptions> options)
{
    public async Task<IResult> RelayAsync(HttpRequest request, string computePath, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();

        if (compute.RunningAddress is null)
        {
            // The start goes on without the client: it is what the queued query waits for.
            var starting = compute.EnsureRunningAsync(CancellationToken.None);
            var waited = await Task.WhenAny(starting, Task.Delay(options.Value.ColdStartWait, cancellationToken));
            if (waited != starting)
            {
                // Durable first: the query is in the inbox before the client hears 202. The start
                // was already requested by EnsureRunningAsync; a failed start is retried by the next
                // request or the scheduled check, which starts compute for queued work.
                _ = starting.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                var headers = QueuedQuery.CarriedHeaders
                    .Where(name => !string.IsNullOrEmpty(request.Headers[name]))
                    .ToDictionary(name => name, name => request.Headers[name].ToString());
                var id = await inbox.QueueQueryAsync(computePath, request.ContentType, System.Text.Encoding.UTF8.GetString(body), headers, cancellationToken);
                return Accepted(request, id);
            }
            if (starting.Exception?.InnerException is { } failure)
            {
                // A start that failed (bad credentials, no service, throttled through every retry) is
                // reported as it is: asking AWS again at once would only add to the throttling.
                await forwarder.WriteUnavailableAsync(request.HttpContext, failure);
                return Results.Empty;
            }
        }
        await forwarder.ForwardAsync(request.HttpContext, computePath, body);
        return Results.Empty;
    }

    public static IResult Accepted(HttpRequest request, string id)
    {
        var location = $"/rag-query/{id}";
        request.HttpContext.Response.Headers.Location = location;
        return TypedResults.Json(new QueryAccepted(id, location, "pending"), statusCode: StatusCodes.Status202Accepted);
    }
}
