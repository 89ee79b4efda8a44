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
}
