using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PharmaRag.Core.Access;
using PharmaRag.Server.Workspaces;

namespace PharmaRag.Server.Access;

/// <summary>
/// Records every audited API request once it is answered, refusals (401, 403, 429) included:
/// time, caller, workspace, action, method, route, document or object key, status. Never a
/// question or any document text.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditTrail trail, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var permission = RoutePermissions.Of(context);
        if (permission?.AuditAction is not { } action)
        {
            await next(context);
            return;
        }
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var workspace = context.Items[WorkspaceMiddleware.ItemKey] as string
                ?? AccessClaims.WorkspaceOf(context.User)
                ?? Workspace.Default;
            var target = context.Items[WorkspaceEndpointFilter.AuditTargetItem] as string
                ?? context.GetRouteValue("id") as string
                ?? context.GetRouteValue("key") as string;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.ToString();
            await trail.RecordAsync(
                new AuditEvent(time.GetUtcNow(), AccessClaims.CallerOf(context.User) ?? context.Items[ApiKeyAuthenticationHandler.PresentedKeyItem] as string, workspace, action, context.Request.Method, route, target, status),
                CancellationToken.None);
        }
    }
}
