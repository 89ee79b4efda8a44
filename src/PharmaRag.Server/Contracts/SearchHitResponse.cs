using PharmaRag.Core.Retrieval;

namespace PharmaRag.Server.Contracts;

/// <summary>One ranked chunk.</summary>
public sealed record SearchHitResponse(
    string ChunkId, string DocumentId, string Filename, IReadOnlyList<int> Pages, double Score, string Text)
{
    public static SearchHitResponse From(SearchHit hit) =>
        new(hit.Chunk.Id, hit.Chunk.DocumentId, hit.FileName, hit.Chunk.Pages, Math.Round(hit.Score, 4), hit.Chunk.Text);
}
