using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Contracts;
using PharmaRag.Server.Hosting;
using PharmaRag.Server.Uploads;
using PharmaRag.Storage.FileSystem;

namespace PharmaRag.Server.Endpoints;

/// <summary>Presigned upload URLs, and the PUT that the local object store serves for them.</summary>
public static class UploadEndpoints
{
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/presigned-url", GetPresignedUrlAsync)
            .WithName("GetPresignedUrl").WithSummary("A short-lived URL to PUT one document to").WithTags("Uploads");
        // Only the local store takes uploads itself; S3's presigned URLs point at S3.
        if (app.ServiceProvider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(FileSystemObjectStore)))
        {
            app.MapPut(FileSystemObjectStore.UploadPathPrefix + "{**key}", PutObjectAsync)
                .WithName("PutObject").WithSummary("Upload to a presigned URL of the local object store").WithTags("Uploads")
                .WithRequestSizeLimit(null); // the signed limit governs

        }
        return app;
    }

    internal static async Task<Results<Ok<PresignedUrlResponse>, ValidationProblem, ProblemHttpResult>> GetPresignedUrlAsync(
        string? filename,
        string? content_type,
        HttpRequest request,
        IObjectStore objects,
        DocumentParserRegistry parsers,
        IOptions<UploadOptions> options,
        IOptions<HostFilteringOptions> hosts,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (UploadFileName.Problem(filename) is { } nameProblem)
        {
            errors["filename"] = [nameProblem];
        }
        else if (!parsers.Supports(filename!))
        {
            errors["filename"] = [$"Files of this type are not supported. Supported: {string.Join(", ", MediaTypes.SupportedExtensions)}."];
        }
        if (content_type is not null && (content_type.Length > 200 || !content_type.Contains('/') || content_type.Any(char.IsControl)))
        {
            errors["content_type"] = ["The content type must look like type/subtype."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var settings = options.Value;
        var baseUrl = UploadBaseUrl.For(settings, request, hosts.Value);
        var key = "uploads/" + filename!;
        var upload = await objects.PresignPutAsync(
            key, content_type, settings.MaxBytes, TimeSpan.FromSeconds(settings.UrlLifetimeSeconds), cancellationToken);
        var url = Uri.IsWellFormedUriString(upload.Url, UriKind.Absolute)
            ? upload.Url
            : baseUrl is not null
                ? baseUrl.TrimEnd('/') + upload.Url
                : null;
        if (url is null)
        {
            return TypedResults.Problem(UploadBaseUrl.Untrusted, statusCode: StatusCodes.Status400BadRequest, title: "No trusted host for the upload URL");
        }
        var headers = content_type is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["Content-Type"] = content_type };
        return TypedResults.Ok(new PresignedUrlResponse(url, key, "PUT", upload.ExpiresAt, upload.MaxBytes, headers));
    }

    internal static async Task<Results<Ok<UploadResponse>, ProblemHttpResult>> PutObjectAsync(
        string key,
        HttpContext context,
        FileSystemObjectStore objects,
        IUploadListener listener,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var query = request.Query;
        var grant = objects.Signer.Verify(
            key, query[UploadUrlSigner.ExpiresParameter], query[UploadUrlSigner.MaxBytesParameter],
            query[UploadUrlSigner.ContentTypeParameter], query[UploadUrlSigner.SignatureParameter]);
        if (!grant.Allowed)
        {
            return Problem(StatusCodes.Status403Forbidden, "Upload refused", grant.Reason!);
        }
        if (grant.ContentType is not null && !string.Equals(request.ContentType, grant.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status403Forbidden, "Upload refused",
                $"The URL was signed for Content-Type '{grant.ContentType}'.");
        }
        if (request.ContentLength > grant.MaxBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large",
                $"The upload is larger than the {grant.MaxBytes} bytes its URL allows.");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // The signed limit governs; the SizeLimitedStream below enforces it without Content-Length.
            sizeFeature.MaxRequestBodySize = null;
        }
        var keyProblem = ObjectKey.IsValid(key, out var keyError) ? UploadFileName.Problem(ObjectKey.FileName(key)) : keyError;
        if (keyProblem is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid key", keyProblem);
        }

        ObjectInfo stored;
        try
        {
            stored = await objects.PutAsync(key, new SizeLimitedStream(request.Body, grant.MaxBytes), cancellationToken);
        }
        catch (UploadTooLargeException ex)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", ex.Message);
        }
        var document = await listener.OnUploadedAsync(stored, cancellationToken);
        context.Response.Headers.ETag = $"\"{stored.Sha256}\"";
        return TypedResults.Ok(new UploadResponse(stored.Key, stored.Size, stored.Sha256, document));
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
