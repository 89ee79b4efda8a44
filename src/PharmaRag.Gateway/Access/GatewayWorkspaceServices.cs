using PharmaRag.Core.Storage;
using PharmaRag.Server.Uploads;
using PharmaRag.Storage.FileSystem;
using PharmaRag.Storage.S3;

namespace PharmaRag.Gateway.Access;

/// <summary>
/// A presign or upload request's services in a workspace: the workspace's object store and an
/// upload listener that queues for that workspace; everything else is the gateway's.
/// </summary>
internal sealed class GatewayWorkspaceServices(IServiceProvider workspace, IUploadListener listener, IServiceProvider gateway) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(IObjectStore) || serviceType == typeof(FileSystemObjectStore) || serviceType == typeof(S3ObjectStore)
            ? workspace.GetService(serviceType)
            : serviceType == typeof(IUploadListener)
                ? listener
                : gateway.GetService(serviceType);
}
