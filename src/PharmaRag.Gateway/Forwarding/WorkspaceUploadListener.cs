using PharmaRag.Core.Storage;
using PharmaRag.Server.Contracts;
using PharmaRag.Server.Uploads;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>An upload the gateway took into a workspace's object store: queued for that workspace.</summary>
public sealed class WorkspaceUploadListener(ObjectCreatedIntake intake, string workspace) : IUploadListener
{
    public async Task<DocumentResponse?> OnUploadedAsync(ObjectInfo uploaded, CancellationToken cancellationToken)
    {
        await intake.AcceptAsync([uploaded.Key], workspace, cancellationToken);
        return null;
    }
}
