using Microsoft.AspNetCore.Http;
using PharmaRag.Core.Access;
using PharmaRag.Gateway.Forwarding;
using PharmaRag.Server.Access;

namespace PharmaRag.Gateway.Access;

/// <summary>
/// Runs the gateway's own upload routes in a workspace. A presigned URL is issued in the
/// caller's workspace (another one only for an admin, by <c>?workspace=</c> or
/// <c>X-Workspace</c>), from that workspace's object store; a PUT to a local presigned URL
/// names its workspace in the URL, and only that workspace's signing key can have signed it.
/// </summary>
public sealed class GatewayWorkspaceMiddleware(RequestDelegate next, GatewayWorkspaces workspaces, ObjectCreatedIntake intake)
{
    public const string Header = "X-Workspace";
    public const string QueryParameter = "workspace";
    public const string ItemKey = "pharmarag.workspace";
    public const string PresignRoute = "GetPresignedUrl";
    public const string UploadRoute = "PutObject";

    public async Task InvokeAsync(HttpContext context)
    {
        var route = GatewayRoutePermissions.NameOf(context);
        if (route is not (PresignRoute or UploadRoute))
        {
            await next(context);
            return;
        }
        var presign = route == PresignRoute;
        var requested = context.Request.Query[QueryParameter].FirstOrDefault() ?? (presign ? context.Request.Headers[Header].FirstOrDefault() : null);
        var own = AccessClaims.WorkspaceOf(context.User);
        var workspace = requested ?? (presign ? own : null) ?? Workspace.Default;
        if (!Workspace.IsValid(workspace))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "Invalid workspace", $"Invalid workspace: {Workspace.Rule}.");
            return;
        }
        if (presign && workspace != own && AccessClaims.RoleOf(context.User) != ApiKeyRole.Admin)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden", $"This key is bound to workspace '{own}'; only an admin may use another.");
            return;
        }
        context.Items[ItemKey] = workspace;
        if (workspace == Workspace.Default)
        {
            await next(context);
            return;
        }
        var store = workspaces.Get(workspace, create: presign);
        if (store is null)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Upload refused", "The URL does not grant an upload.");
            return;
        }
        var gateway = context.RequestServices;
        context.RequestServices = new GatewayWorkspaceServices(store, new WorkspaceUploadListener(intake, workspace), gateway);
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestServices = gateway;
        }
    }

    private static Task RefuseAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
