using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Retrieval;
using PharmaRag.Server.Contracts;

namespace PharmaRag.Server.Endpoints;

/// <summary>Retrieval and question answering.</summary>
public static class QueryEndpoints
{
    public static IEndpointRouteBuilder MapQueryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/search", SearchAsync)
            .WithName("Search").WithSummary("Ranked chunks for a query, without an answer").WithTags("Query");
        app.MapPost("/rag-query", QueryAsync)
            .WithName("RagQuery").WithSummary("Answer a question with citations to document and page").WithTags("Query");
        app.MapPost("/query", QueryAsync)
            .WithName("Query").WithSummary("The server's name for /rag-query, as in the original").WithTags("Query");
        return app;
    }

    internal static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        SearchRequest request, RagQueryService queries, IOptions<RetrievalOptions> options, CancellationToken cancellationToken)
    {
        var errors = QueryValidation.Validate(request.Query, request.TopK, request.DocumentIds, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        // Chunk retrieval (keywords and vectors), reranked when a reranker is configured.
        var hits = await queries.RetrieveAsync(
            new RagQuery(request.Query!) { Mode = QueryMode.Naive, TopK = request.TopK, DocumentIds = request.DocumentIds }, cancellationToken);
        return TypedResults.Ok(new SearchResponse(request.Query!, hits.Select(SearchHitResponse.From).ToArray()));
    }

    internal static async Task<Results<Ok<RagQueryResponse>, ValidationProblem>> QueryAsync(
        RagQueryRequest request, RagQueryService queries, IOptions<RetrievalOptions> options, CancellationToken cancellationToken)
    {
        var errors = QueryValidation.Validate(request.Query, request.TopK, request.DocumentIds, options.Value);
        var mode = QueryValidation.Mode(request.Mode, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var answer = await queries.QueryAsync(
            new RagQuery(request.Query!) { Mode = mode, TopK = request.TopK, DocumentIds = request.DocumentIds }, cancellationToken);
        return TypedResults.Ok(new RagQueryResponse(
            request.Query!, answer.Answer, answer.Mode, answer.Citations.Select(CitationResponse.From).ToArray(), answer.TimingsMs));
    }
}
