using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Diagnostics;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Turns an object in the store into a queued document: on an object-created event (when the key
/// matches the processing filter) or on an explicit request to process a key.
/// </summary>
public sealed class DocumentIntake(
    IRagStore store,
    IJobQueue jobs,
    IObjectStore objects,
    DocumentParserRegistry parsers,
    JobSignal signal,
    AutoProcessingFilter autoProcessing,
    TimeProvider clock)
{
    /// <summary>Handles an upload that landed; returns the queued document, or null when the key is filtered out.</summary>
    public async Task<DocumentRecord?> OnObjectCreatedAsync(ObjectInfo created, CancellationToken cancellationToken)
    {
        if (!autoProcessing.ShouldProcess(created.Key))
        {
            return null;
        }
        return (await QueueAsync(created.Key, created.Sha256, created.Size, force: false, cancellationToken)).Document;
    }

    /// <summary>Queues the object at <paramref name="key"/>; already processed bytes are left alone unless forced.</summary>
    public async Task<IntakeResult> ProcessKeyAsync(string key, bool force, CancellationToken cancellationToken)
    {
        if (!ObjectKey.IsValid(key, out var error))
        {
            throw new ArgumentException(error, nameof(key));
        }
        if (UploadFileName.Problem(ObjectKey.FileName(key)) is { } nameProblem)
        {
            throw new ArgumentException(nameProblem, nameof(key));
        }
        if (!parsers.Supports(ObjectKey.FileName(key)))
        {
            throw new ArgumentException(
                $"Files of this type are not supported. Supported: {string.Join(", ", MediaTypes.SupportedExtensions)}.", nameof(key));
        }
        if (!await objects.ExistsAsync(key, cancellationToken))
        {
            throw new KeyNotFoundException($"No object exists at key '{key}'.");
        }
        string id;
        long size;
        await using (var content = await objects.OpenReadAsync(key, cancellationToken))
        {
            size = content.CanSeek ? content.Length : 0;
            id = await DocumentId.ComputeAsync(content, cancellationToken);
        }
        return await QueueAsync(key, id, size, force, cancellationToken);
    }

    private async Task<IntakeResult> QueueAsync(string key, string id, long size, bool force, CancellationToken cancellationToken)
    {
        var existing = await store.GetDocumentAsync(id, cancellationToken);
        if (existing is not null && !force && existing.Status != DocumentStatus.Failed)
        {
            return new IntakeResult(existing, Queued: false);
        }

        var now = clock.GetUtcNow();
        var fileName = ObjectKey.FileName(key);
        var document = (existing ?? new DocumentRecord
        {
            Id = id,
            Key = key,
            FileName = fileName,
            MediaType = MediaTypes.FromFileName(fileName)!,
            SizeBytes = size,
            CreatedAt = now,
        }) with
        {
            Status = DocumentStatus.Pending, Step = null, Progress = 0, Error = null, UpdatedAt = now,
        };
        await store.UpsertDocumentAsync(document, cancellationToken);
        await jobs.EnqueueAsync(id, cancellationToken);
        signal.Notify();
        PharmaRagTelemetry.SetQueueDepth(await jobs.CountPendingAsync(cancellationToken));
        return new IntakeResult(document, Queued: true);
    }
}
