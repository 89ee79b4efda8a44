using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PharmaRag.Core.Access;
using PharmaRag.Server.Workspaces;

namespace PharmaRag.Server.Access;

/// <summary>
/// Records every audited API request once it is answered, refusals (401, 403, 429) included:
/// time, caller, workspace, action, method, route, document or object key, status. Never a
/// question or any document text. Actions that change something (upload, process, delete, keys)
/// are written to the audit log before the response starts, so a client that has its answer
/// knows the record survives a crash; the rest go through the batching queue.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditTrail trail, TimeProvider time)
{
    /// <summary>The actions whose record is durable before the response is sent.</summary>
    public static readonly IReadOnlySet<string> DurableActions = new HashSet<string>(StringComparer.Ordinal) { "upload", "process", "delete", "keys" };

    public async Task InvokeAsync(HttpContext context)
    {
        var permission = RoutePermissions.Of(context);
        if (permission?.AuditAction is not { } action)
        {
            await next(context);
            return;
        }
        var written = false;
        if (DurableActions.Contains(action))
        {
            context.Response.OnStarting(async () =>
            {
                written = true;
                await trail.WriteNowAsync(Event(context, action, context.Response.StatusCode), CancellationToken.None);
            });
        }
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            // Not written yet: not durable, or no response was started (the client went away).
            if (!written)
            {
                await trail.RecordAsync(Event(context, action, status), CancellationToken.None);
            }
        }
    }

    private AuditEvent Event(HttpContext context, string action, int status)
    {
        var workspace = context.Items[WorkspaceMiddleware.ItemKey] as string
            ?? AccessClaims.WorkspaceOf(context.User)
            ?? Workspace.Default;
        var target = context.Items[WorkspaceEndpointFilter.AuditTargetItem] as string
            ?? context.GetRouteValue("id") as string
            ?? context.GetRouteValue("key") as string;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.ToString();
        return new AuditEvent(time.GetUtcNow(), AccessClaims.CallerOf(context.User) ?? context.Items[ApiKeyAuthenticationHandler.PresentedKeyItem] as string,
            workspace, action, context.Request.Method, route, target, status);
    }
}
