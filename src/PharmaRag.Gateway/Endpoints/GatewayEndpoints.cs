using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Compute;
using PharmaRag.Gateway.Forwarding;
using PharmaRag.Gateway.Hosting;
using PharmaRag.Hosting.Inbox;
using PharmaRag.Server.Access;
using PharmaRag.Server.Hosting;
using PharmaRag.Storage.S3;

namespace PharmaRag.Gateway.Endpoints;

/// <summary>The original API Gateway routes, in front of compute that may be stopped.</summary>
public static class GatewayEndpoints
{
    /// <summary>Retry-After of a poll that could not read the inbox.</summary>
    public const int AnswerRetryAfterSeconds = 1;

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
        app.MapPost("/events", PostEventAsync)
            .WithName("Events").WithSummary("Non-HTTP Lambda events: S3 notifications and the scheduled idle check").WithTags("Gateway");
        // Passed through to compute as they are (starting it), with the caller's Authorization.
        app.MapPost("/rag-query/stream", Forward)
            .WithName("GatewayRagQueryStream").WithSummary("Answer as server-sent events, streamed through unbuffered (starts compute)").WithTags("Gateway");
        app.MapPost("/process", Forward)
            .WithName("GatewayProcess").WithSummary("Queue an uploaded object for processing (starts compute)").WithTags("Gateway");
        app.MapGet("/documents", Forward)
            .WithName("GatewayDocuments").WithSummary("Documents and their status (starts compute)").WithTags("Gateway");
        app.MapGet("/documents/{id}", Forward)
            .WithName("GatewayDocument").WithSummary("One document's status (starts compute)").WithTags("Gateway");
        app.MapDelete("/documents/{id}", Forward)
            .WithName("GatewayDeleteDocument").WithSummary("Delete a document (?purge_object=true also deletes the upload)").WithTags("Gateway");
        app.MapGet("/documents/{id}/file", Forward)
            .WithName("GatewayDocumentFile").WithSummary("A document's original file, inline, streamed through (starts compute)").WithTags("Gateway");
        app.MapGet("/graph", Forward)
            .WithName("GatewaySubgraph").WithSummary("An entity's neighbourhood in the knowledge graph (starts compute)").WithTags("Gateway");
        app.MapGet("/graph/{**rest}", Forward)
            .WithName("GatewayGraph").WithSummary("Entity search and an entity's supporting chunks (starts compute)").WithTags("Gateway");
        return app;
    }

    internal static async Task<Ok<GatewayHealthResponse>> GetHealthAsync(
        IComputeController compute, ComputeActivity activity, IOptions<GatewayOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
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
            loggers.CreateLogger(typeof(GatewayEndpoints)).LogWarning(ex, "Compute status could not be read for /health");
            status = new ComputeStatus(0, 0, []);
            state = $"unknown: {ComputeFailure.Describe(ex)}";
        }
        return TypedResults.Ok(new GatewayHealthResponse(
            "healthy", ServiceIdentity.Name, ServiceIdentity.Version,
            status,
            new ComputeInfo(compute.Mode, state, compute.RunningAddress?.ToString(), compute.Starts,
                activity.InFlight, compute.StopsWhenIdle ? options.Value.IdleTimeoutSeconds : null)));
    }

    internal static async Task<IResult> GetQueryResultAsync(
        string id, HttpRequest request, WorkInbox inbox, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // Any instance answers: the query and its answer live in the object store, not in a gateway.
        QueryLookup lookup;
        try
        {
            lookup = await inbox.FindQueryAsync(id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store could not be read (unreachable, or an S3-compatible server that serves an
            // object while it is still being written): nothing is lost, so the caller polls again.
            loggers.CreateLogger(typeof(GatewayEndpoints)).LogWarning(ex, "The inbox could not be read for query {QueryId}", id);
            request.HttpContext.Response.Headers.RetryAfter = AnswerRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                $"The object store could not be read just now; the query is kept. Poll again after {AnswerRetryAfterSeconds} s (Retry-After).",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Answer not readable yet");
        }
        // An answer goes only to the caller who asked (same Authorization header); to anyone else
        // the query is unknown, so its existence is not revealed either.
        if (!lookup.Known || lookup.Answer is { } stored && stored.Caller != QueuedQuery.CallerOf(request.Headers.Authorization.ToString()))
        {
            return TypedResults.Problem($"No query {id} is known; answers are kept for 30 minutes.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown query");
        }
        return lookup.Answer is { } answer
            ? new ForwardedResponse(answer.StatusCode, System.Text.Encoding.UTF8.GetBytes(answer.Body), answer.ContentType).ToResult()
            : QueryRelay.Accepted(request, id);
    }

    internal static async Task<IResult> PostObjectCreated(HttpRequest request, ObjectCreatedIntake intake, CancellationToken cancellationToken)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return TypedResults.Problem($"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).",
                statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
        }
        return await AcceptObjectsAsync(request, body, intake, cancellationToken);
    }

    /// <summary>
    /// The AWS Lambda Web Adapter's pass-through path: S3 notifications are uploads to take in,
    /// EventBridge's scheduled event runs the idle check (scale to 0, or start for queued work).
    /// </summary>
    internal static async Task<IResult> PostEventAsync(
        HttpRequest request, ObjectCreatedIntake intake, IdleCheck idleCheck, AccessMode access, CancellationToken cancellationToken)
    {
        // The adapter calls from the same machine and carries no credentials. With authentication
        // required, a caller from elsewhere (a standalone gateway on a public address) is refused:
        // uploads are reported with a writer key at /events/object-created.
        if (access.Required && !FromLoopback(request.HttpContext))
        {
            return TypedResults.Problem(
                "POST /events takes only the Lambda Web Adapter's pass-through from this machine while authentication is required; " +
                "report an upload with POST /events/object-created and a writer key.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return TypedResults.Problem("The event is not JSON.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
        }
        if ((string?)(body?["source"] as JsonValue) == "aws.events" || (string?)(body?["detail-type"] as JsonValue) == "Scheduled Event")
        {
            return TypedResults.Ok(await idleCheck.RunAsync(cancellationToken));
        }
        if (body?["Records"] is JsonArray)
        {
            return await AcceptObjectsAsync(request, body, intake, cancellationToken);
        }
        return TypedResults.Problem("Expected an S3 event notification (Records) or an EventBridge scheduled event.",
            statusCode: StatusCodes.Status400BadRequest, title: "Unsupported event");
    }

    private static async Task<IResult> AcceptObjectsAsync(HttpRequest request, JsonNode? body, ObjectCreatedIntake intake, CancellationToken cancellationToken)
    {
        var keys = ObjectCreatedEvent.Keys(body, request.HttpContext.RequestServices.GetService<S3ObjectStore>()?.KeyPrefix ?? "");
        if (keys.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["key"] = ["Send {\"key\": \"...\"} or an S3 event notification with Records[].s3.object.key."],
            });
        }
        IReadOnlyList<string> queued;
        try
        {
            queued = await intake.AcceptAsync(keys, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not ArgumentException)
        {
            // Not acknowledged: S3 (or the caller) retries an event whose delivery failed.
            return TypedResults.Problem("The event could not be queued; send it again.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Event not queued");
        }
        return TypedResults.Accepted((string?)null, new { queued, ignored = keys.Except(queued).ToArray() });
    }

    /// <summary>The same route on compute: path and query string unchanged.</summary>
    private static Task Forward(HttpContext context, ComputeForwarder forwarder) =>
        forwarder.ForwardAsync(context, context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent());

    private static bool FromLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } caller
        && IPAddress.IsLoopback(caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller);
}
