using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Contracts;

namespace PharmaRag.Server.Endpoints;

/// <summary>The chunks and pages that support an entity, for the web page's graph view.</summary>
public static class EntitySourcesEndpoints
{
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapEntitySourcesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/graph/entities/{id}/chunks", GetChunksAsync)
            .WithName("GetEntityChunks").WithSummary("The chunks (document, file, pages, text) that mention an entity").WithTags("Graph");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<EntitySourceResponse>>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ValidationProblem>> GetChunksAsync(
        string id, int? limit, IGraphStore graph, IRagStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] });
        }
        if ((await graph.GetEntitiesAsync([id], cancellationToken)).Count == 0)
        {
            return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Title = "Entity not found", Detail = "No entity has this id.", Status = StatusCodes.Status404NotFound,
            });
        }
        var chunkIds = (await graph.GetEntityChunksAsync([id], null, cancellationToken))
            .Select(m => m.ChunkId).Distinct().Take(limit ?? 20).ToArray();
        var chunks = await store.GetChunksAsync(chunkIds, cancellationToken);
        var documents = (await store.GetDocumentsAsync(chunks.Select(c => c.DocumentId).Distinct().ToArray(), cancellationToken))
            .ToDictionary(d => d.Id);
        var sources = chunks
            .Where(c => documents.ContainsKey(c.DocumentId))
            .OrderBy(c => documents[c.DocumentId].FileName, StringComparer.Ordinal).ThenBy(c => c.Ordinal)
            .Select(c => new EntitySourceResponse(c.Id, c.DocumentId, documents[c.DocumentId].FileName, c.Pages, c.Text))
            .ToArray();
        return TypedResults.Ok<IReadOnlyList<EntitySourceResponse>>(sources);
    }
}
