using System.ComponentModel.DataAnnotations;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Retrieval;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Tests;

public sealed class ConvexFusionTests
{
    // Invented: a question about the dose of "zelvatrine" in renal impairment. BM25 finds the
    // dosing table far ahead of everything (wide margin); the embedding model prefers a prose
    // paragraph about kidneys that BM25 ranks second, and puts the table fifth.
    private static readonly ScoredChunkId[] Keyword =
    [
        new("dose-table", 18.0), new("kidney-prose", 7.5), new("overview", 7.0), new("warnings", 6.8), new("storage", 6.1),
    ];

    private static readonly ScoredChunkId[] Vector =
    [
        new("kidney-prose", 0.62), new("overview", 0.58), new("warnings", 0.55), new("storage", 0.49), new("dose-table", 0.47),
    ];

    [Fact]
    public void A_wide_keyword_margin_survives_convex_fusion_where_rank_fusion_loses_it()
    {
        var ranks = ReciprocalRankFusion.Fuse([(Keyword, 1.0), (Vector, 0.3)]);
        Assert.Equal("kidney-prose", ranks[0].ChunkId);

        var convex = ConvexFusion.Fuse(Keyword, Vector, 0.3);
        Assert.Equal("dose-table", convex[0].ChunkId);
        Assert.Equal("kidney-prose", convex[1].ChunkId);
    }

    [Fact]
    public void Scores_are_normalised_by_their_theoretical_range_and_a_missing_side_gets_that_lists_minimum()
    {
        // Keyword: score / max (BM25's theoretical minimum is 0); vector: cosine from -1 to 1.
        var fused = ConvexFusion.Fuse([new("a", 10.0), new("b", 5.0)], [new("c", 0.6), new("b", 0.2)], 0.5);
        var scores = fused.ToDictionary(f => f.ChunkId, f => f.Score);
        Assert.Equal(0.5 * 1.0 + 0.5 * 0.6, scores["a"], 6);   // not among the vectors: their minimum (0.2 -> 0.6)
        Assert.Equal(0.5 * 0.5 + 0.5 * 0.6, scores["b"], 6);
        Assert.Equal(0.5 * 0.5 + 0.5 * 0.8, scores["c"], 6);   // not among the keywords: their minimum (0.5)
        Assert.Equal(["a", "c", "b"], fused.Select(f => f.ChunkId));
        Assert.Equal(["a", "b"], ConvexFusion.Fuse([new("a", 10.0), new("b", 5.0)], [], 0.5).Select(f => f.ChunkId));
    }

    [Theory]
    [InlineData(FusionMethod.Rrf, 2.0, true)]
    [InlineData(FusionMethod.Convex, 0.3, true)]
    [InlineData(FusionMethod.Convex, 2.0, false)]
    [InlineData((FusionMethod)7, 0.3, false)]
    public void Under_convex_fusion_the_vector_weight_is_a_share_from_0_to_1(FusionMethod fusion, double vectorWeight, bool valid)
    {
        var options = new RetrievalOptions { Fusion = fusion, VectorWeight = vectorWeight };
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
