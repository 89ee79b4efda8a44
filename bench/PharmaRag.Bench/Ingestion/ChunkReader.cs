using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;

namespace PharmaRag.Bench.Ingestion;

/// <summary>Reads back every chunk the pipeline stored, by their deterministic ids, for the baseline to index.</summary>
public static class ChunkReader
{
    private const int BatchSize = 500;

    public static async Task<IReadOnlyList<Chunk>> ReadAllAsync(
        IRagStore store, IEnumerable<DocumentRecord> documents, CancellationToken cancellationToken)
    {
        var ids = documents.SelectMany(d => Enumerable.Range(0, d.Chunks).Select(ordinal => Chunk.MakeId(d.Id, ordinal))).ToArray();
        var chunks = new List<Chunk>(ids.Length);
        foreach (var batch in ids.Chunk(BatchSize))
        {
            chunks.AddRange(await store.GetChunksAsync(batch, cancellationToken));
        }
        return chunks;
    }
}
