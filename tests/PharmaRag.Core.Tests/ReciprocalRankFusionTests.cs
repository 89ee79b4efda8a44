using PharmaRag.Core.Retrieval;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Tests;

public sealed class ReciprocalRankFusionTests
{
    private static IReadOnlyList<ScoredChunkId> Ranking(params string[] ids) => ids.Select((id, i) => new ScoredChunkId(id, 100 - i)).ToArray();

    [Fact]
    public void Items_ranked_well_by_both_lists_rise_and_weights_count()
    {
        var fused = ReciprocalRankFusion.Fuse([(Ranking("a", "b", "c"), 1.0), (Ranking("b", "d", "a"), 1.0)]);
        Assert.Equal(["b", "a", "d", "c"], fused.Select(f => f.ChunkId));

        var keywordHeavy = ReciprocalRankFusion.Fuse([(Ranking("a", "b"), 1.0), (Ranking("b", "a"), 0.1)]);
        Assert.Equal("a", keywordHeavy[0].ChunkId);
        Assert.Empty(ReciprocalRankFusion.Fuse([]));
    }

    [Fact]
    public void Equal_fused_scores_rank_by_list_then_rank_then_chunk_id_never_by_listing_order()
    {
        // Each list puts a different chunk first: their fused scores tie, and the earlier list (the
        // library-wide keyword ranking) wins, whatever the chunk ids.
        var keyword = Ranking("doc-10", "doc-3");
        var within = Ranking("doc-2", "doc-4");
        Assert.Equal(["doc-10", "doc-2", "doc-3", "doc-4"], ReciprocalRankFusion.Fuse([(keyword, 1.0), (within, 1.0)]).Select(f => f.ChunkId));

        // A list may give two items one rank (a table at its keyword rank beside prose at its vector
        // rank); the order they happen to be listed in must not decide: the chunk id does, in
        // natural order (ordinal 2 before ordinal 10).
        RankedChunkId[] tableFirst = [new("doc-10", 0, 0.9), new("doc-2", 0, 0.8), new("doc-5", 1, 0.7)];
        RankedChunkId[] proseFirst = [new("doc-2", 0, 0.8), new("doc-10", 0, 0.9), new("doc-5", 1, 0.7)];
        string[] expected = ["doc-2", "doc-10", "doc-5"];
        Assert.Equal(expected, ReciprocalRankFusion.FuseRanked([(tableFirst, 1.0)]).Select(f => f.ChunkId));
        Assert.Equal(expected, ReciprocalRankFusion.FuseRanked([(proseFirst, 1.0)]).Select(f => f.ChunkId));
    }

    [Theory]
    [InlineData("d-2", "d-10")]
    [InlineData("a-9", "b-1")]
    [InlineData("ab-1", "ab-c-0")]
    [InlineData("d-x", "d-y")]
    public void Chunk_ids_order_by_document_then_ordinal_number(string first, string second)
    {
        Assert.True(ChunkOrder.CompareIds(first, second) < 0);
        Assert.True(ChunkOrder.CompareIds(second, first) > 0);
        Assert.Equal(0, ChunkOrder.CompareIds(first, first));
    }
}
