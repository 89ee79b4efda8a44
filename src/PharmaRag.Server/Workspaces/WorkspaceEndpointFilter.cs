using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PharmaRag.Core.Access;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Access;
using PharmaRag.Server.Contracts;
using PharmaRag.Storage.FileSystem;

namespace PharmaRag.Server.Workspaces;

/// <summary>
/// What the endpoints themselves need not know about workspaces and auditing: an upload URL of
/// the local object store names the workspace it was issued in (its signature, made with that
/// workspace's key, is what makes it valid there), and the object key a /process names is noted
/// for the audit log.
/// </summary>
internal static class WorkspaceEndpointFilter
{
    public const string AuditTargetItem = "pharmarag.audit.target";

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is ProcessRequest { Key: { } key })
            {
                context.HttpContext.Items[AuditTargetItem] = key;
            }
        }
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is Ok<PresignedUrlResponse> { Value: { } upload }
            && context.HttpContext.Items[WorkspaceMiddleware.ItemKey] is string workspace && workspace != Workspace.Default
            && context.HttpContext.RequestServices.GetService(typeof(IObjectStore)) is FileSystemObjectStore)
        {
            context.HttpContext.Items[AuditTargetItem] = upload.Key;
            var separator = upload.Url.Contains('?') ? '&' : '?';
            return TypedResults.Ok(upload with { Url = $"{upload.Url}{separator}{WorkspaceMiddleware.QueryParameter}={workspace}" });
        }
        if (inner is Ok<PresignedUrlResponse> { Value: { } issued })
        {
            context.HttpContext.Items[AuditTargetItem] = issued.Key;
        }
        return result;
    }
}
