namespace PharmaRag.Core.Storage;

/// <summary>
/// Remembers the results of model calls (chat completions, embeddings) under a hash of what was
/// sent, so that re-processing a document or asking the same question again costs no model call.
/// Persisted with the data directory; a lost entry only costs a repeated call.
/// </summary>
public interface IModelCallCache
{
    /// <summary>The stored result for a key, or null.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a result, replacing any earlier one under the key.</summary>
    Task SetAsync(string key, byte[] value, CancellationToken cancellationToken);

    Task RemoveAsync(string key, CancellationToken cancellationToken);
}
