using PharmaRag.Core.Retrieval;

namespace PharmaRag.Bench.Retrieval;

/// <summary>The product's retrieval for one query mode, exactly as an answer would get its chunks.</summary>
public sealed class PipelineRetriever(RagQueryService service, QueryMode mode) : IBenchRetriever
{
    public string Name { get; } = mode.ToString().ToLowerInvariant();

    public async Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(
        string question, int depth, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        var hits = await service.RetrieveAsync(
            new RagQuery(question) { Mode = mode, TopK = depth, DocumentIds = documentIds }, cancellationToken);
        return hits.Select(h => new RetrievedChunk(h.Chunk.Id, h.Chunk.DocumentId, h.Chunk.Text)).ToArray();
    }
}
