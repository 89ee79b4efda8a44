using PharmaRag.Core.Storage;
using PharmaRag.Server.Contracts;

namespace PharmaRag.Server.Uploads;

/// <summary>
/// Hears that an upload landed (the original's S3 object-created event). The server queues the
/// document itself; the gateway passes the event on to compute.
/// </summary>
public interface IUploadListener
{
    /// <summary>Returns the document the upload queued, when that is known at once.</summary>
    Task<DocumentResponse?> OnUploadedAsync(ObjectInfo uploaded, CancellationToken cancellationToken);
}
