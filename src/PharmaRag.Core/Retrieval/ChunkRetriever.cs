using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>Finds the chunks that best match a query and resolves them to text and provenance.</summary>
public sealed class ChunkRetriever(IKeywordIndex keywords, IRagStore store, IOptions<RetrievalOptions> options)
{
    private readonly RetrievalOptions _options = options.Value;

    public int ClampTopK(int? topK) => Math.Clamp(topK ?? _options.DefaultTopK, 1, _options.MaxTopK);

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        string query, int? topK, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        var ranked = await keywords.SearchAsync(query, ClampTopK(topK), documentIds, cancellationToken);
        if (ranked.Count == 0)
        {
            return [];
        }
        var chunks = (await store.GetChunksAsync(ranked.Select(r => r.ChunkId).ToArray(), cancellationToken))
            .ToDictionary(c => c.Id);
        var fileNames = new Dictionary<string, string>();
        var hits = new List<SearchHit>(ranked.Count);
        foreach (var (chunkId, score) in ranked)
        {
            if (!chunks.TryGetValue(chunkId, out var chunk))
            {
                continue; // removed between the index read and this one
            }
            if (!fileNames.TryGetValue(chunk.DocumentId, out var fileName))
            {
                fileName = (await store.GetDocumentAsync(chunk.DocumentId, cancellationToken))?.FileName;
                if (fileName is null)
                {
                    continue;
                }
                fileNames[chunk.DocumentId] = fileName;
            }
            hits.Add(new SearchHit(chunk, fileName, score));
        }
        return hits;
    }
}
