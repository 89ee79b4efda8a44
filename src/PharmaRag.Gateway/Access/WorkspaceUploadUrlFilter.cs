using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PharmaRag.Core.Access;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Contracts;
using PharmaRag.Storage.FileSystem;

namespace PharmaRag.Gateway.Access;

/// <summary>
/// A local presigned URL issued in a workspace names it (<c>?workspace=</c>), so the PUT is
/// checked with that workspace's signing key; S3's URL carries it in its signed key prefix already.
/// </summary>
internal static class WorkspaceUploadUrlFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is Ok<PresignedUrlResponse> { Value: { } upload }
            && context.HttpContext.Items[GatewayWorkspaceMiddleware.ItemKey] is string workspace && workspace != Workspace.Default
            && context.HttpContext.RequestServices.GetService(typeof(IObjectStore)) is FileSystemObjectStore)
        {
            var separator = upload.Url.Contains('?') ? '&' : '?';
            return TypedResults.Ok(upload with { Url = $"{upload.Url}{separator}{GatewayWorkspaceMiddleware.QueryParameter}={workspace}" });
        }
        return result;
    }
}
