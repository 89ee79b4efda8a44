using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PharmaRag.Core.Graph;
using PharmaRag.Server.Contracts;

namespace PharmaRag.Server.Endpoints;

/// <summary>Exploring the knowledge graph: entities by name, and the subgraph around one.</summary>
public static class GraphEndpoints
{
    private const int MaxEntities = 200;

    public static IEndpointRouteBuilder MapGraphEndpoints(this IEndpointRouteBuilder app)
    {
        var graph = app.MapGroup("/graph").WithTags("Graph");
        graph.MapGet("/", GetSubgraphAsync).WithName("GetSubgraph")
            .WithSummary("The entity named by label and its neighbours up to depth hops (max_nodes nodes)");
        graph.MapGet("/entities", SearchEntitiesAsync).WithName("SearchEntities")
            .WithSummary("Entities whose names or aliases match the search words");
        return app;
    }

    internal static async Task<Results<Ok<SubgraphResponse>, NotFound<ProblemDetails>, ValidationProblem>> GetSubgraphAsync(
        string? label, int? depth, int? max_nodes, GraphExplorer explorer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(label))
        {
            errors["label"] = ["An entity name is required."];
        }
        if (depth is < 0 or > 4)
        {
            errors["depth"] = ["depth must be between 0 and 4."];
        }
        if (max_nodes is < 1 or > 500)
        {
            errors["max_nodes"] = ["max_nodes must be between 1 and 500."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var subgraph = await explorer.AroundAsync(label!, depth ?? 1, max_nodes ?? 50, cancellationToken);
        return subgraph is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "Entity not found", Detail = $"No entity matches '{label}'.", Status = 404 })
            : TypedResults.Ok(SubgraphResponse.From(subgraph));
    }

    internal static async Task<Results<Ok<IReadOnlyList<EntityResponse>>, ValidationProblem>> SearchEntitiesAsync(
        string? search, int? limit, IGraphStore graph, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(search))
        {
            errors["search"] = ["Search words are required."];
        }
        if (limit is < 1 or > MaxEntities)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxEntities}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var entities = await graph.SearchEntitiesAsync(search!, limit ?? 20, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<EntityResponse>>(entities.Select(EntityResponse.From).ToArray());
    }
}
