using PharmaRag.Core.Retrieval;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Tests;

public sealed class TableImputationTests
{
    private static IReadOnlyList<ScoredChunkId> Ranking(params string[] ids) => ids.Select((id, i) => new ScoredChunkId(id, 0.9 - i * 0.01)).ToArray();

    // An invented library: "dose-table" holds the dose rows the question asks for; the prose chunks
    // talk about dosing in sentences, which a dense embedding matches better than table rows.
    private static readonly HashSet<string> Tables = ["dose-table", "lab-table"];
    private static readonly IReadOnlyList<ScoredChunkId> Keyword = Ranking("dose-table", "dosing-prose", "overview", "lab-table");
    private static readonly IReadOnlyList<ScoredChunkId> Vector = Ranking("dosing-prose", "overview", "safety-prose", "lab-table", "x1", "x2", "x3", "dose-table");

    [Fact]
    public void A_table_keeps_its_keyword_place_when_the_vectors_rank_it_low()
    {
        // Before: the vector ranking pushes the dose table below the prose.
        var plain = ReciprocalRankFusion.Fuse([(Keyword, 1.0), (Vector, 1.0)]);
        Assert.NotEqual("dose-table", plain[0].ChunkId);

        var side = TableImputation.VectorSide(Keyword, Vector, Tables.Contains);
        var fused = ReciprocalRankFusion.FuseRanked([(Ranked(Keyword), 1.0), (side, 1.0)]);
        Assert.Equal("dose-table", fused[0].ChunkId);
        // Prose keeps its vector rank: a chunk only the vectors find still comes in.
        Assert.Contains(side, s => s is { ChunkId: "safety-prose", Rank: 2 });
        // Each table sits at its keyword rank on the vector side, with the vector score found there.
        Assert.Contains(side, s => s.ChunkId == "dose-table" && s.Rank == 0 && s.Score == Vector[0].Score);
        Assert.Contains(side, s => s.ChunkId == "lab-table" && s.Rank == 3 && s.Score == Vector[3].Score);
        Assert.Equal(side.OrderBy(s => s.Rank).Select(s => s.ChunkId), side.Select(s => s.ChunkId));
    }

    [Fact]
    public void A_table_only_the_vectors_find_is_not_brought_in_and_without_tables_nothing_changes()
    {
        var side = TableImputation.VectorSide(Ranking("a", "b"), Ranking("t", "a", "b"), id => id == "t");
        Assert.DoesNotContain(side, s => s.ChunkId == "t");

        var prose = TableImputation.VectorSide(Keyword, Vector, _ => false);
        Assert.Equal(
            ReciprocalRankFusion.Fuse([(Keyword, 1.0), (Vector, 0.25)]),
            ReciprocalRankFusion.FuseRanked([(Ranked(Keyword), 1.0), (prose, 0.25)]));
    }

    private static IReadOnlyList<RankedChunkId> Ranked(IReadOnlyList<ScoredChunkId> ranking) =>
        ranking.Select((h, rank) => new RankedChunkId(h.ChunkId, rank, h.Score)).ToArray();
}
