using Microsoft.Extensions.Logging;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Gateway.Compute;
using PharmaRag.Hosting.Inbox;
using PharmaRag.Server.Contracts;
using PharmaRag.Server.Uploads;

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
    /// <summary>Queues the keys that are to be processed and returns them; throws when the inbox cannot be written.</summary>
    public async Task<IReadOnlyList<string>> AcceptAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var queued = new List<string>();
        foreach (var key in keys.Distinct())
        {
            if (ObjectKey.IsValid(key, out _) && autoProcessing.ShouldProcess(key))
            {
                await inbox.QueueEventAsync(key, cancellationToken);
                queued.Add(key);
                LogQueued(key);
            }
        }
        if (queued.Count > 0)
        {
            await compute.RequestStartAsync(cancellationToken);
        }
        return queued;
    }

    public async Task<DocumentResponse?> OnUploadedAsync(ObjectInfo uploaded, CancellationToken cancellationToken)
    {
        await AcceptAsync([uploaded.Key], cancellationToken);
        // The document id is the upload's SHA-256, which the client already has from the response.
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Object {Key} queued for processing")]
    private partial void LogQueued(string key);
}
