using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Compute;
using PharmaRag.Gateway.Endpoints;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>
/// Relays a query to compute. When compute is warm, or becomes ready within the cold-start wait,
/// the client gets the answer; otherwise 202 with a status URL, and the query goes on without
/// the client connection (so it is not lost to a front door's time limit).
/// </summary>
public sealed class QueryRelay(ComputeForwarder forwarder, IComputeController compute, PendingQueries pending, IOptions<GatewayOptions> options)
{
    public async Task<IResult> RelayAsync(HttpRequest request, string computePath, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();

        // Detached from the client's connection: a 202'd query must finish after the client leaves.
        var answer = forwarder.SendAsync(HttpMethod.Post, computePath, body, request.ContentType, CancellationToken.None);
        if (compute.RunningAddress is null)
        {
            var waited = await Task.WhenAny(answer, Task.Delay(options.Value.ColdStartWait, cancellationToken));
            if (waited != answer)
            {
                var id = pending.Add(answer);
                return TypedResults.Json(new QueryAccepted(id, $"/rag-query/{id}", "pending"), statusCode: StatusCodes.Status202Accepted);
            }
        }
        return (await answer).ToResult();
    }
}
