using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Runs the pipeline for one document: read -> parse -> describe -> chunk -> store and index -> retire older
/// versions -> processed. Every write is an upsert by deterministic id, so running it again
/// after a crash converges on the same single copy.
/// </summary>
public sealed partial class DocumentIngestor(
    IRagStore store,
    IKeywordIndex keywords,
    IVectorIndex vectors,
    ChunkEmbedder embedder,
    IGraphExtractor extractor,
    IGraphStore graph,
    IObjectStore objects,
    DocumentParserRegistry parsers,
    IBlockDescriber describer,
    TextChunker chunker,
    IOptions<IngestionOptions> options,
    ILogger<DocumentIngestor> logger)
{
    private readonly int _batchSize = options.Value.BatchSize;

    /// <summary>Processes a document; returns false when it was deleted meanwhile.</summary>
    public async Task<bool> ProcessAsync(string documentId, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(documentId, cancellationToken);
        if (document is null)
        {
            return false;
        }

        if (!await SetStepAsync(document.Id, "reading", 0, cancellationToken))
        {
            return false;
        }
        using var content = await ReadVerifiedAsync(document, cancellationToken);

        if (!await SetStepAsync(document.Id, "parsing", 0.05, cancellationToken))
        {
            return false;
        }
        var parsed = await parsers.ForMediaType(document.MediaType).ParseAsync(content, document.FileName, cancellationToken);
        if (parsed.Blocks.Count == 0)
        {
            throw new DocumentParseException(parsed.UnreadablePages.Count > 0
                ? $"No text could be read: {parsed.UnreadablePages.Count} of {parsed.Pages} pages have no text layer and OCR is not available."
                : "The document contains no text.");
        }

        parsed = await describer.DescribeAsync(parsed, cancellationToken);

        if (!await SetStepAsync(document.Id, "chunking", 0.2, cancellationToken))
        {
            return false;
        }
        var chunks = chunker.Chunk(document.Id, parsed);

        for (var offset = 0; offset < chunks.Count; offset += _batchSize)
        {
            var batch = chunks.Skip(offset).Take(_batchSize).ToArray();
            await store.UpsertChunksAsync(batch, cancellationToken);
            await keywords.IndexAsync(batch, cancellationToken);
            await vectors.UpsertAsync(await embedder.EmbedAsync(batch, cancellationToken), cancellationToken);
            var progress = 0.2 + 0.75 * (offset + batch.Length) / chunks.Count;
            if (!await SetStepAsync(document.Id, "indexing", progress, cancellationToken))
            {
                await RemoveAsync(document.Id, cancellationToken);
                return false;
            }
        }

        // A previous, longer run of this same document may have left chunks past the new end.
        var stale = await store.DeleteChunksFromAsync(document.Id, chunks.Count, cancellationToken);
        await keywords.RemoveAsync(stale, cancellationToken);
        await vectors.RemoveAsync(stale, cancellationToken);

        if (!await SetStepAsync(document.Id, "graph", 0.96, cancellationToken))
        {
            await RemoveAsync(document.Id, cancellationToken);
            return false;
        }
        await graph.ReplaceDocumentAsync(document.Id, await extractor.ExtractAsync(chunks, cancellationToken), cancellationToken);

        await RetireOlderVersionsAsync(document, cancellationToken);

        var done = await store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Processed)
        {
            Step = null, Progress = 1, Pages = parsed.Pages, Chunks = chunks.Count,
        }, cancellationToken);
        if (!done)
        {
            await RemoveAsync(document.Id, cancellationToken);
            return false;
        }
        LogProcessed(document.Id, parsed.Pages, chunks.Count);
        return true;
    }

    /// <summary>Removes a document and everything derived from it.</summary>
    public async Task<bool> RemoveAsync(string documentId, CancellationToken cancellationToken)
    {
        // Index entries first: a crash in between leaves a document with no hits, never hits
        // that point at a missing document.
        await keywords.RemoveDocumentAsync(documentId, cancellationToken);
        await vectors.RemoveDocumentAsync(documentId, cancellationToken);
        await graph.RemoveDocumentAsync(documentId, cancellationToken);
        return await store.DeleteDocumentAsync(documentId, cancellationToken);
    }

    private async Task<MemoryStream> ReadVerifiedAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        if (!await objects.ExistsAsync(document.Key, cancellationToken))
        {
            throw new DocumentParseException($"The object '{document.Key}' no longer exists in the object store.");
        }
        var buffer = new MemoryStream();
        await using (var source = await objects.OpenReadAsync(document.Key, cancellationToken))
        {
            await source.CopyToAsync(buffer, cancellationToken);
        }
        buffer.Position = 0;
        var id = await DocumentId.ComputeAsync(buffer, cancellationToken);
        if (id != document.Id)
        {
            throw new DocumentParseException(
                $"The object '{document.Key}' was replaced by a newer upload before this version was processed.");
        }
        buffer.Position = 0;
        return buffer;
    }

    // New version first, then the old ones go: a reader never sees the key without content.
    private async Task RetireOlderVersionsAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        foreach (var older in await store.FindDocumentsByKeyAsync(document.Key, cancellationToken))
        {
            if (older.Id != document.Id && older.CreatedAt <= document.CreatedAt)
            {
                await RemoveAsync(older.Id, cancellationToken);
                LogRetired(older.Id, document.Id, document.Key);
            }
        }
    }

    private Task<bool> SetStepAsync(string id, string step, double progress, CancellationToken cancellationToken) =>
        store.UpdateStatusAsync(id, new DocumentStatusUpdate(DocumentStatus.Processing) { Step = step, Progress = progress }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processed document {DocumentId}: {Pages} pages, {Chunks} chunks")]
    private partial void LogProcessed(string documentId, int pages, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retired document {OldDocumentId}, replaced by {DocumentId} at key {Key}")]
    private partial void LogRetired(string oldDocumentId, string documentId, string key);
}
