using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Server.Contracts;

namespace PharmaRag.Server.Uploads;

/// <summary>In the server, an upload that matches the processing filter is queued at once.</summary>
public sealed class IntakeUploadListener(DocumentIntake intake) : IUploadListener
{
    public async Task<DocumentResponse?> OnUploadedAsync(ObjectInfo uploaded, CancellationToken cancellationToken) =>
        await intake.OnObjectCreatedAsync(uploaded, cancellationToken) is { } document ? DocumentResponse.From(document) : null;
}
