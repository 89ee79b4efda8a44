using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Compute;
using PharmaRag.Gateway.Forwarding;
using PharmaRag.Gateway.Hosting;
using PharmaRag.Server.Contracts;
using PharmaRag.Server.Endpoints;
using PharmaRag.Storage.S3;

namespace PharmaRag.Gateway.Endpoints;

/// <summary>The original API Gateway routes, in front of compute that may be stopped.</summary>
public static class GatewayEndpoints
{
    public static IEndpointRouteBuilder MapGatewayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealthAsync)
            .WithName("GatewayHealth").WithSummary("Gateway health and compute tasks; never starts compute").WithTags("Gateway");
        app.MapPost("/rag-query", (HttpRequest request, QueryRelay relay, CancellationToken ct) => relay.RelayAsync(request, "/query", ct))
            .WithName("GatewayRagQuery").WithSummary("Answer a question; 202 with a status URL when compute is cold").WithTags("Gateway");
        app.MapPost("/rag-query-multimodal", (HttpRequest request, QueryRelay relay, CancellationToken ct) => relay.RelayAsync(request, "/query/multimodal", ct))
            .WithName("GatewayRagQueryMultimodal").WithSummary("A question with tables, equations or images").WithTags("Gateway");
        app.MapGet("/rag-query/{id}", GetQueryResultAsync)
            .WithName("GatewayQueryResult").WithSummary("The answer to a query that was accepted with 202").WithTags("Gateway");
        app.MapPost("/events/object-created", PostObjectCreated)
            .WithName("ObjectCreated").WithSummary("An upload landed (S3 event notification or {key})").WithTags("Gateway");
        app.MapGet("/documents", (ComputeForwarder forwarder, CancellationToken ct) => ForwardGetAsync(forwarder, "/documents", ct))
            .WithName("GatewayDocuments").WithSummary("Documents and their status (starts compute)").WithTags("Gateway");
        app.MapGet("/documents/{id}", (string id, ComputeForwarder forwarder, CancellationToken ct) =>
                ForwardGetAsync(forwarder, $"/documents/{Uri.EscapeDataString(id)}", ct))
            .WithName("GatewayDocument").WithSummary("One document's status (starts compute)").WithTags("Gateway");
        return app;
    }

    internal static async Task<Ok<GatewayHealthResponse>> GetHealthAsync(
        IComputeController compute, ComputeActivity activity, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        // The gateway is healthy even when compute's control plane is not; say what failed.
        ComputeStatus status;
        string state;
        try
        {
            status = await compute.GetStatusAsync(cancellationToken);
            state = compute.RunningAddress is null ? "stopped" : "running";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            status = new ComputeStatus(0, 0, []);
            state = $"unknown: {ex.Message}";
        }
        return TypedResults.Ok(new GatewayHealthResponse(
            "healthy", HealthEndpoints.ServiceName, HealthEndpoints.Version,
            new EcsTasks(status.Total, status.Running, status.TaskArns),
            new ComputeInfo(compute.Mode, state, compute.RunningAddress?.ToString(), compute.Starts,
                activity.InFlight, compute.StopsWhenIdle ? options.Value.IdleTimeoutSeconds : null)));
    }

    internal static async Task<IResult> GetQueryResultAsync(string id, PendingQueries pending)
    {
        var answer = pending.Find(id);
        if (answer is null)
        {
            return TypedResults.Problem($"No query {id} is known; answers are kept for 30 minutes.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown query");
        }
        if (!answer.IsCompleted)
        {
            return TypedResults.Json(new QueryAccepted(id, $"/rag-query/{id}", "pending"), statusCode: StatusCodes.Status202Accepted);
        }
        try
        {
            return (await answer).ToResult();
        }
        catch (Exception ex)
        {
            return TypedResults.Problem($"Compute could not answer: {ex.Message}",
                statusCode: StatusCodes.Status502BadGateway, title: "Compute failed");
        }
    }

    internal static async Task<IResult> PostObjectCreated(HttpRequest request, ObjectCreatedDispatcher dispatcher)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
        }
        var keys = ObjectCreatedEvent.Keys(body, request.HttpContext.RequestServices.GetService<S3ObjectStore>()?.KeyPrefix ?? "");
        if (keys.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["key"] = ["Send {\"key\": \"...\"} or an S3 event notification with Records[].s3.object.key."],
            });
        }
        var queued = keys.Where(dispatcher.Enqueue).ToArray();
        return TypedResults.Accepted((string?)null, new { queued, ignored = keys.Except(queued).ToArray() });
    }

    private static async Task<IResult> ForwardGetAsync(ComputeForwarder forwarder, string path, CancellationToken cancellationToken) =>
        (await forwarder.SendAsync(HttpMethod.Get, path, null, null, cancellationToken)).ToResult();
}
