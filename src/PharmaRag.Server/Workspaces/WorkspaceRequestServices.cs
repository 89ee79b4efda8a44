using Microsoft.Extensions.DependencyInjection;

namespace PharmaRag.Server.Workspaces;

/// <summary>
/// A request's services in a workspace: the workspace engine's for the types it owns (stores,
/// ingestion, retrieval), the server's for everything else (JSON options, problem details,
/// logging), so endpoints run unchanged against the workspace's data.
/// </summary>
internal sealed class WorkspaceRequestServices(IServiceProvider workspace, IServiceProvider server, WorkspaceServiceTypes owned)
    : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        owned.Contains(serviceType) ? workspace.GetService(serviceType) : server.GetService(serviceType);
}
