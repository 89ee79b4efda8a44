using System.Collections.Concurrent;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// The <see cref="DocumentTermIndex"/> of each document questions are routed to, built from its
/// stored chunks on the first such question and kept for the next ones. A document's id is the
/// hash of its content and its chunk count is part of the key, so re-chunking (reindex) builds a
/// new index instead of reading a stale one.
/// </summary>
public sealed class DocumentTermIndexes(IRagStore store)
{
    /// <summary>At most this many documents' indexes are kept (a few hundred chunks each).</summary>
    public const int MaxKept = 32;

    private readonly ConcurrentDictionary<(string DocumentId, int Chunks), Lazy<Task<DocumentTermIndex>>> _indexes = new();

    public async Task<DocumentTermIndex> GetAsync(string documentId, int chunks, CancellationToken cancellationToken)
    {
        if (_indexes.Count >= MaxKept && !_indexes.ContainsKey((documentId, chunks)))
        {
            _indexes.Clear();
        }
        // Built without the caller's token: a cancelled first question must not leave a failed
        // build for the next ones.
        var lazy = _indexes.GetOrAdd((documentId, chunks), key => new Lazy<Task<DocumentTermIndex>>(
            async () => DocumentTermIndex.Build(await store.GetDocumentChunksAsync(key.DocumentId, CancellationToken.None))));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _indexes.TryRemove(new KeyValuePair<(string, int), Lazy<Task<DocumentTermIndex>>>((documentId, chunks), lazy));
            throw;
        }
    }
}
