using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Server.Endpoints;

/// <summary>
/// A document's original file, for the web page to show the cited page. The file is read through
/// the object store by the document's own key, so no request names a path; and only the exact
/// bytes the document was made from are served (a newer upload at the same key is not).
/// </summary>
public static class DocumentFileEndpoints
{
    public static IEndpointRouteBuilder MapDocumentFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/documents/{id}/file", GetFileAsync)
            .WithName("GetDocumentFile").WithSummary("The document's original file, inline, with its media type").WithTags("Documents");
        return app;
    }

    internal static async Task<IResult> GetFileAsync(string id, IRagStore store, IObjectStore objects, CancellationToken cancellationToken)
    {
        if (!DocumentId.IsValid(id) || await store.GetDocumentAsync(id, cancellationToken) is not { } document)
        {
            return TypedResults.Problem($"No document has the id '{Shorten(id)}'.", statusCode: StatusCodes.Status404NotFound, title: "Document not found");
        }
        var stream = await OpenExactAsync(document, objects, cancellationToken);
        if (stream is null)
        {
            return TypedResults.Problem(
                $"The original file of {document.FileName} is no longer in the object store (deleted, or replaced by a newer upload).",
                statusCode: StatusCodes.Status404NotFound, title: "File not found");
        }
        return new InlineFileResult(stream, document.MediaType, document.FileName);
    }

    /// <summary>The object at the document's key when it still holds the document's bytes; else null.</summary>
    private static async Task<Stream?> OpenExactAsync(DocumentRecord document, IObjectStore objects, CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            if (!await objects.ExistsAsync(document.Key, cancellationToken))
            {
                return null;
            }
            stream = await objects.OpenReadAsync(document.Key, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        if (!stream.CanSeek)
        {
            return stream;
        }
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        if (hash != document.Id)
        {
            await stream.DisposeAsync();
            return null;
        }
        stream.Position = 0;
        return stream;
    }

    private static string Shorten(string id) => id.Length <= 80 ? id : id[..80] + "...";

    /// <summary>The file shown in the browser (inline), with range requests for pdf.js.</summary>
    private sealed class InlineFileResult(Stream stream, string mediaType, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            var disposition = new ContentDispositionHeaderValue("inline");
            disposition.SetHttpFileName(fileName);
            headers.ContentDisposition = disposition.ToString();
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "private, no-cache";
            if (mediaType != MediaTypes.Pdf)
            {
                // An uploaded HTML file must not run script in the page's origin (where the API key is kept).
                headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";
            }
            return TypedResults.Stream(stream, mediaType, enableRangeProcessing: true).ExecuteAsync(httpContext);
        }
    }
}
