using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Access;
using PharmaRag.Server.Access;

namespace PharmaRag.Server.Workspaces;

/// <summary>
/// Runs each API request in its workspace: the caller's own (from its key or token), or the one
/// named by <c>?workspace=</c> or the <c>X-Workspace</c> header, which only an admin may choose
/// freely. A presigned upload names its workspace in its URL; its signature, made with that
/// workspace's own key, decides whether it may write there.
/// </summary>
public sealed class WorkspaceMiddleware(RequestDelegate next, WorkspaceEngines engines, WorkspaceServiceTypes owned)
{
    public const string Header = "X-Workspace";
    public const string QueryParameter = "workspace";
    public const string ItemKey = "pharmarag.workspace";

    public async Task InvokeAsync(HttpContext context)
    {
        var permission = RoutePermissions.Of(context);
        if (permission is null || (permission.Role is null && permission.AuditAction is null))
        {
            await next(context);
            return;
        }
        var requested = context.Request.Query[QueryParameter].FirstOrDefault() ?? context.Request.Headers[Header].FirstOrDefault();
        var workspace = requested ?? AccessClaims.WorkspaceOf(context.User) ?? Workspace.Default;
        if (!Workspace.IsValid(workspace))
        {
            await Results.Problem($"Invalid workspace '{Truncate(workspace)}': {Workspace.Rule}.", statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid workspace").ExecuteAsync(context);
            return;
        }
        if (permission.Role is not null && workspace != AccessClaims.WorkspaceOf(context.User) && AccessClaims.RoleOf(context.User) != ApiKeyRole.Admin)
        {
            await Results.Problem($"This key is bound to workspace '{AccessClaims.WorkspaceOf(context.User)}'; only an admin may use another.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
            return;
        }
        context.Items[ItemKey] = workspace;
        if (workspace == Workspace.Default)
        {
            await next(context);
            return;
        }
        // Uploads are anonymous (their URL is the credential), so they never create a workspace.
        var services = await engines.GetAsync(workspace, create: permission.Role is not null, context.RequestAborted);
        if (services is null)
        {
            await Results.Problem("The URL does not grant an upload.", statusCode: StatusCodes.Status403Forbidden, title: "Upload refused")
                .ExecuteAsync(context);
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var server = context.RequestServices;
        context.RequestServices = new WorkspaceRequestServices(scope.ServiceProvider, server, owned);
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestServices = server;
        }
    }

    private static string Truncate(string value) => value.Length > 40 ? value[..40] + "..." : value;
}
