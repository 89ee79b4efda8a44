using PharmaRag.Core.Retrieval;

namespace PharmaRag.Bench.Retrieval;

/// <summary>The product's retrieval for one query mode, exactly as an answer would get its chunks.</summary>
public sealed class PipelineRetriever(RagQueryService service, QueryMode mode, string? name = null) : IBenchRetriever, IBenchAnswerer
{
    public string Name { get; } = name ?? mode.ToString().ToLowerInvariant();

    public async Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(
        string question, int depth, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        var hits = await service.RetrieveAsync(
            new RagQuery(question) { Mode = mode, TopK = depth, DocumentIds = documentIds }, cancellationToken);
        return hits.Select(h => new RetrievedChunk(h.Chunk.Id, h.Chunk.DocumentId, h.Chunk.Text)).ToArray();
    }

    /// <summary>The answer /rag-query would give (default top_k), in this mode.</summary>
    public async Task<BenchAnswer> AnswerAsync(string question, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        var answer = await service.QueryAsync(new RagQuery(question) { Mode = mode, DocumentIds = documentIds }, cancellationToken);
        return new BenchAnswer(answer.Answer, answer.Citations.Select(c => new BenchCitation(c.DocumentId, c.Page, c.Text)).ToArray());
    }
}
