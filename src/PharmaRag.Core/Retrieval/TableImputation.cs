using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>A chunk's place in one ranking of a fusion: its rank (0 first) and its score there.</summary>
public readonly record struct RankedChunkId(string ChunkId, int Rank, double Score);

/// <summary>
/// Modality-aware fusion: a dense embedding of a table's serialised rows says little about the
/// question (cells, numbers and repeated headers, not sentences), so a table chunk is not judged
/// by its vector rank. On the vector side it takes the place its keyword rank gives it (and, for
/// score fusion, the vector score found at that place), so the vectors move tables neither up nor
/// down against the prose around them; prose keeps its own vector rank. A table the keywords did
/// not find is not brought in by the vectors.
/// </summary>
public static class TableImputation
{
    /// <summary>
    /// The vector side of the fusion: <paramref name="vector"/> without its table chunks (prose
    /// keeps its vector rank), and every table chunk of <paramref name="keyword"/> at its keyword rank.
    /// </summary>
    public static IReadOnlyList<RankedChunkId> VectorSide(
        IReadOnlyList<ScoredChunkId> keyword, IReadOnlyList<ScoredChunkId> vector, Func<string, bool> isTable)
    {
        var side = new List<RankedChunkId>(vector.Count);
        for (var rank = 0; rank < vector.Count; rank++)
        {
            if (!isTable(vector[rank].ChunkId))
            {
                side.Add(new RankedChunkId(vector[rank].ChunkId, rank, vector[rank].Score));
            }
        }
        var floor = vector.Count == 0 ? 0 : vector.Min(v => v.Score);
        for (var rank = 0; rank < keyword.Count; rank++)
        {
            if (isTable(keyword[rank].ChunkId))
            {
                side.Add(new RankedChunkId(keyword[rank].ChunkId, rank, rank < vector.Count ? vector[rank].Score : floor));
            }
        }
        return side.OrderBy(s => s.Rank).ToArray();
    }

}
