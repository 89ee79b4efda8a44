using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Storage;

/// <summary>Documents, chunks and their status. Every write is an idempotent upsert by id.</summary>
public interface IRagStore
{
    Task UpsertDocumentAsync(DocumentRecord document, CancellationToken cancellationToken);
    Task<DocumentRecord?> GetDocumentAsync(string id, CancellationToken cancellationToken);

    /// <summary>The documents among <paramref name="ids"/> that exist, in one round trip.</summary>
    Task<IReadOnlyList<DocumentRecord>> GetDocumentsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
    Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken);
    Task<IReadOnlyList<DocumentRecord>> FindDocumentsByKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>Records progress or an outcome. Returns false when the document no longer exists.</summary>
    Task<bool> UpdateStatusAsync(string id, DocumentStatusUpdate update, CancellationToken cancellationToken);

    Task UpsertChunksAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken);
    Task<IReadOnlyList<Chunk>> GetChunksAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
    Task<int> CountChunksAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Deletes the document's chunks whose ordinal is at least <paramref name="fromOrdinal"/>.</summary>
    Task<IReadOnlyList<string>> DeleteChunksFromAsync(string documentId, int fromOrdinal, CancellationToken cancellationToken);

    /// <summary>Deletes the document, its chunks and its jobs. Returns false when it did not exist.</summary>
    Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every chunk of every document, in document and ordinal order (for re-indexing).</summary>
    IAsyncEnumerable<Chunk> ReadAllChunksAsync(CancellationToken cancellationToken);

    /// <summary>A stored setting of the data directory (such as the embedding model in use), or null.</summary>
    Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken);

    Task SetSettingAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a document's parsed content list (replacing any earlier one), so that later steps and
    /// resumed jobs work from it instead of parsing again. Deleted with the document.
    /// </summary>
    Task SaveContentListAsync(string documentId, ParsedDocument content, CancellationToken cancellationToken);

    /// <summary>The saved content list of a document, or null when none was saved.</summary>
    Task<ParsedDocument?> GetContentListAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>The chunks of one document in ordinal order.</summary>
    Task<IReadOnlyList<Chunk>> GetDocumentChunksAsync(string documentId, CancellationToken cancellationToken);
}
