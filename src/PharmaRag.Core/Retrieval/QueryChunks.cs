using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// The chunks one query has read from the store: routing and resolving the ranked pool share
/// them, so each chunk is read once per query.
/// </summary>
public sealed class QueryChunks(IRagStore store)
{
    private readonly Dictionary<string, Chunk> _chunks = new(StringComparer.Ordinal);

    /// <summary>The chunks among <paramref name="ids"/> that exist, reading only those not read yet.</summary>
    public async Task<IReadOnlyDictionary<string, Chunk>> GetAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => !_chunks.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            foreach (var chunk in await store.GetChunksAsync(missing, cancellationToken))
            {
                _chunks[chunk.Id] = chunk;
            }
        }
        return _chunks;
    }
}
