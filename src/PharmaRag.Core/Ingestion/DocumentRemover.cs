using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion;

/// <summary>Removes a document and everything derived from it.</summary>
public sealed class DocumentRemover(IRagStore store, IKeywordIndex keywords, IVectorIndex vectors, IGraphStore graph)
{
    /// <summary>Returns false when the document did not exist.</summary>
    public async Task<bool> RemoveAsync(string documentId, CancellationToken cancellationToken)
    {
        // Index entries first: a crash in between leaves a document with no hits, never hits
        // that point at a missing document.
        await keywords.RemoveDocumentAsync(documentId, cancellationToken);
        await vectors.RemoveDocumentAsync(documentId, cancellationToken);
        await graph.RemoveDocumentAsync(documentId, cancellationToken);
        return await store.DeleteDocumentAsync(documentId, cancellationToken);
    }
}
