using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Retrieval;
using PharmaRag.Server.Contracts;

namespace PharmaRag.Server.Endpoints;

/// <summary>
/// Answers as server-sent events: "citations" (the numbered passages [n] refers to), "delta"
/// (answer text as it is generated), "error" (the model failed; the answer falls back to the
/// extractive one), and "done" (the final answer in /rag-query's shape).
/// </summary>
public static class StreamingQueryEndpoints
{
    public static IEndpointRouteBuilder MapStreamingQueryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/rag-query/stream", StreamAsync)
            .WithName("RagQueryStream").WithSummary("Answer a question as server-sent events: citations, delta..., done").WithTags("Query");
        app.MapPost("/query/stream", StreamAsync)
            .WithName("QueryStream").WithSummary("The server's name for /rag-query/stream").WithTags("Query");
        return app;
    }

    internal static Results<ServerSentEventsResult<string>, ValidationProblem> StreamAsync(
        RagQueryRequest request, RagQueryService queries, IOptions<RetrievalOptions> options, IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var errors = QueryValidation.Validate(request.Query, request.TopK, request.DocumentIds, options.Value);
        var mode = QueryValidation.Mode(request.Mode, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var query = new RagQuery(request.Query!) { Mode = mode, TopK = request.TopK, DocumentIds = request.DocumentIds };
        return TypedResults.ServerSentEvents(Events(queries.StreamAsync(query, cancellationToken), request.Query!, json.Value.SerializerOptions, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        IAsyncEnumerable<RagStreamEvent> events, string query, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            object payload = e.Kind switch
            {
                RagStreamEventKind.Citations => new StreamCitations(e.Citations!.Select((c, i) => new NumberedCitation(
                    i + 1, c.DocumentId, c.FileName, c.Page, c.ChunkId, c.Text)).ToArray()),
                RagStreamEventKind.Delta => new StreamText(e.Text!),
                RagStreamEventKind.Error => new StreamText(e.Text!),
                _ => new RagQueryResponse(query, e.Answer!.Answer, e.Answer.Mode, e.Answer.Citations.Select(CitationResponse.From).ToArray(), e.Answer.TimingsMs),
            };
            yield return new SseItem<string>(JsonSerializer.Serialize(payload, payload.GetType(), json), e.Kind.ToString().ToLowerInvariant());
        }
    }

    private sealed record StreamCitations(IReadOnlyList<NumberedCitation> Citations);

    private sealed record NumberedCitation(int Number, string DocumentId, string Filename, int Page, string ChunkId, string Text);

    private sealed record StreamText(string Text);
}
