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
    private const int MaxQueryLength = 4000;

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
        SearchRequest request, ChunkRetriever retriever, IOptions<RetrievalOptions> options, CancellationToken cancellationToken)
    {
        var errors = Validate(request.Query, request.TopK, request.DocumentIds, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var hits = await retriever.SearchAsync(request.Query!, request.TopK, request.DocumentIds, cancellationToken);
        return TypedResults.Ok(new SearchResponse(request.Query!, hits.Select(SearchHitResponse.From).ToArray()));
    }

    internal static async Task<Results<Ok<RagQueryResponse>, ValidationProblem>> QueryAsync(
        RagQueryRequest request, RagQueryService queries, IOptions<RetrievalOptions> options, CancellationToken cancellationToken)
    {
        var errors = Validate(request.Query, request.TopK, request.DocumentIds, options.Value);
        var mode = QueryMode.Mix;
        if (request.Mode is not null && !Enum.TryParse(request.Mode, ignoreCase: true, out mode) || !Enum.IsDefined(mode))
        {
            errors["mode"] = ["The mode must be one of naive, local, global, hybrid, mix."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var answer = await queries.QueryAsync(
            new RagQuery(request.Query!) { Mode = mode, TopK = request.TopK, DocumentIds = request.DocumentIds }, cancellationToken);
        return TypedResults.Ok(new RagQueryResponse(
            request.Query!, answer.Answer, answer.Mode, answer.Citations.Select(CitationResponse.From).ToArray(), answer.TimingsMs));
    }

    private static Dictionary<string, string[]> Validate(
        string? query, int? topK, IReadOnlyList<string>? documentIds, RetrievalOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(query))
        {
            errors["query"] = ["A query is required."];
        }
        else if (query.Length > MaxQueryLength)
        {
            errors["query"] = [$"The query is longer than {MaxQueryLength} characters."];
        }
        if (topK is < 1 || topK > options.MaxTopK)
        {
            errors["top_k"] = [$"top_k must be between 1 and {options.MaxTopK}."];
        }
        if (documentIds?.Any(id => !DocumentId.IsValid(id)) == true)
        {
            errors["document_ids"] = ["Document ids are 64 lower-case hex characters."];
        }
        return errors;
    }
}
