using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Contracts;

namespace PharmaRag.Server.Endpoints;

/// <summary>Processing requests, document status, listing and deletion.</summary>
public static class DocumentsEndpoints
{
    public static IEndpointRouteBuilder MapDocumentsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/process", ProcessAsync)
            .WithName("Process").WithSummary("Process (or re-process) the object at a key").WithTags("Documents");
        var documents = app.MapGroup("/documents").WithTags("Documents");
        documents.MapGet("/", ListAsync).WithName("ListDocuments").WithSummary("All documents with their status");
        documents.MapGet("/{id}", GetAsync).WithName("GetDocument").WithSummary("One document's status");
        documents.MapDelete("/{id}", DeleteAsync).WithName("DeleteDocument")
            .WithSummary("Delete a document, its chunks and index entries; purge_object=true also deletes the uploaded file");
        return app;
    }

    internal static async Task<Results<Accepted<ProcessResponse>, Ok<ProcessResponse>, ValidationProblem, ProblemHttpResult>> ProcessAsync(
        ProcessRequest? request, DocumentIntake intake, CancellationToken cancellationToken)
    {
        if (request?.Key is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = ["A key is required."] });
        }
        try
        {
            var result = await intake.ProcessKeyAsync(request.Key, request.Force, cancellationToken);
            var body = new ProcessResponse(result.Queued, DocumentResponse.From(result.Document));
            return result.Queued
                ? TypedResults.Accepted($"/documents/{result.Document.Id}", body)
                : TypedResults.Ok(body);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = [ex.Message.Split(" (Parameter")[0]] });
        }
        catch (KeyNotFoundException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Object not found");
        }
    }

    internal static async Task<Ok<IReadOnlyList<DocumentResponse>>> ListAsync(IRagStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<DocumentResponse>>(
            (await store.ListDocumentsAsync(cancellationToken)).Select(DocumentResponse.From).ToArray());

    internal static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(string id, IRagStore store, CancellationToken cancellationToken) =>
        await store.GetDocumentAsync(id, cancellationToken) is { } document
            ? TypedResults.Ok(DocumentResponse.From(document))
            : TypedResults.NotFound();

    internal static async Task<Results<NoContent, NotFound>> DeleteAsync(
        string id, bool? purge_object, IRagStore store, IObjectStore objects, DocumentIngestor ingestor, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(id, cancellationToken);
        if (document is null || !await ingestor.RemoveAsync(id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        if (purge_object == true && (await store.FindDocumentsByKeyAsync(document.Key, cancellationToken)).Count == 0)
        {
            await objects.DeleteAsync(document.Key, cancellationToken);
        }
        return TypedResults.NoContent();
    }
}
