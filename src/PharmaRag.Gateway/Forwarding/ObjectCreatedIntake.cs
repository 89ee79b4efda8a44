using Microsoft.Extensions.Logging;
using PharmaRag.Core.Access;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Gateway.Compute;
using PharmaRag.Hosting.Inbox;
using PharmaRag.Server.Contracts;
using PharmaRag.Server.Uploads;
using PharmaRag.Server.Workspaces;

namespace PharmaRag.Gateway.Forwarding;

/// <summary>
/// The original's document_processor Lambda, without its single point of loss: an object-created
/// event for a key that matches the processing filter is written to the inbox in the object
/// store before it is acknowledged, then compute is asked to start (without waiting for it). The
/// server takes queued uploads in when it runs, whichever gateway instance accepted them.
/// </summary>
public sealed partial class ObjectCreatedIntake(
    WorkInbox inbox,
    IComputeController compute,
    AutoProcessingFilter autoProcessing,
    ILogger<ObjectCreatedIntake> logger) : IUploadListener
{
    /// <summary>
    /// Queues the keys (of the deployment's object store) that are to be processed and returns
    /// them; a key under workspaces/NAME/uploads/ (where a workspace's presigned uploads land in
    /// S3) is queued for that workspace. Throws when the inbox cannot be written.
    /// </summary>
    public Task<IReadOnlyList<string>> AcceptAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        QueueAsync(keys.Distinct().Select(k => (Split(k), k)).ToArray(), cancellationToken);

    /// <summary>Queues keys of one workspace's object store (an upload the gateway took itself).</summary>
    public Task<IReadOnlyList<string>> AcceptAsync(IReadOnlyList<string> keys, string workspace, CancellationToken cancellationToken) =>
        QueueAsync(keys.Distinct().Select(k => ((workspace, k), k)).ToArray(), cancellationToken);

    public async Task<DocumentResponse?> OnUploadedAsync(ObjectInfo uploaded, CancellationToken cancellationToken)
    {
        await AcceptAsync([uploaded.Key], cancellationToken);
        // The document id is the upload's SHA-256, which the client already has from the response.
        return null;
    }

    private async Task<IReadOnlyList<string>> QueueAsync(
        IReadOnlyList<((string Workspace, string Key) Target, string Reported)> items, CancellationToken cancellationToken)
    {
        var queued = new List<string>();
        foreach (var ((workspace, key), reported) in items)
        {
            var inWorkspace = workspace == Workspace.Default || key.StartsWith("uploads/", StringComparison.Ordinal);
            if (inWorkspace && ObjectKey.IsValid(key, out _) && autoProcessing.ShouldProcess(key))
            {
                await inbox.QueueEventAsync(key, workspace, cancellationToken);
                queued.Add(reported);
                LogQueued(workspace, key);
            }
        }
        if (queued.Count > 0)
        {
            await compute.RequestStartAsync(cancellationToken);
        }
        return queued;
    }

    /// <summary>The workspace and the key in its own store of a key of the deployment's store.</summary>
    private static (string Workspace, string Key) Split(string key)
    {
        var prefix = WorkspaceSettings.Folder + "/";
        if (key.StartsWith(prefix, StringComparison.Ordinal) && key.IndexOf('/', prefix.Length) is var end and > 0
            && key[prefix.Length..end] is var workspace && Workspace.IsValid(workspace) && workspace != Workspace.Default)
        {
            return (workspace, key[(end + 1)..]);
        }
        return (Workspace.Default, key);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Object {Key} of workspace {Workspace} queued for processing")]
    private partial void LogQueued(string workspace, string key);
}
