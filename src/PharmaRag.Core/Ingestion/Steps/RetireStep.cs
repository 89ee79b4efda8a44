using Microsoft.Extensions.Logging;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>
/// Removes older versions of the same object key (new version first, then the old ones go: a
/// reader never sees the key without content), then marks the document processed: it is
/// keyword-searchable and answerable, with the background steps listed as pending.
/// </summary>
public sealed partial class RetireStep(IRagStore store, DocumentRemover remover, ILogger<RetireStep> logger) : IIngestionStep
{
    public string Name => IngestionSteps.Retiring;

    public async Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var document = context.Document;
        foreach (var older in await store.FindDocumentsByKeyAsync(document.Key, cancellationToken))
        {
            if (older.Id != document.Id && older.CreatedAt <= document.CreatedAt)
            {
                await remover.RemoveAsync(older.Id, cancellationToken);
                LogRetired(older.Id, document.Id, document.Key);
            }
        }
        var processed = new DocumentStatusUpdate(DocumentStatus.Processed)
        {
            Progress = 1, PendingSteps = IngestionSteps.Background,
        };
        return await store.UpdateStatusAsync(document.Id, processed, cancellationToken) ? StepResult.Success : StepResult.Gone;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retired document {OldDocumentId}, replaced by {DocumentId} at key {Key}")]
    private partial void LogRetired(string oldDocumentId, string documentId, string key);
}
