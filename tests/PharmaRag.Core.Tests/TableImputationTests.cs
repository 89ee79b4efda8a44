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

public sealed class RoutedVectorFusionTests
{
    private static IReadOnlyList<ScoredChunkId> Ranking(params string[] ids) => ids.Select((id, i) => new ScoredChunkId(id, 0.9 - i * 0.01)).ToArray();

    [Fact]
    public void When_the_question_names_a_document_the_chunk_both_lexical_lists_put_first_keeps_its_lead()
    {
        // Invented: the library-wide and the within-document keyword rankings agree that the
        // "washout" chunk states the fact; the vectors prefer the protocol's neighbouring synopsis.
        var libraryWide = Ranking("washout", "synopsis", "schedule", "other-doc");
        var withinDocument = Ranking("washout", "synopsis", "schedule");
        IReadOnlyList<(IReadOnlyList<ScoredChunkId> Ranking, double Weight)> lexical = [(libraryWide, 1.0), (withinDocument, 1.0)];
        var vector = Ranking("synopsis", "schedule", "other-doc", "washout");
        var side = TableImputation.VectorSide(ReciprocalRankFusion.Fuse(lexical), vector, _ => false);

        // Before: the vector list set against the lexical lists' fused ranking reorders them.
        var nested = ReciprocalRankFusion.FuseRanked(
        [
            (ReciprocalRankFusion.Fuse(lexical).Select((h, rank) => new RankedChunkId(h.ChunkId, rank, h.Score)).ToArray(), 1.0),
            (side, 0.5),
        ]);
        Assert.Equal("synopsis", nested[0].ChunkId);

        Assert.Equal("washout", ChunkRetriever.FuseByRank(lexical, 1.0, side, 0.5)[0].ChunkId);
        // With one lexical list (no document named) it is the usual two-list fusion.
        Assert.Equal(
            ReciprocalRankFusion.Fuse([(libraryWide, 1.0), (vector, 0.5)]).Select(h => h.ChunkId),
            ChunkRetriever.FuseByRank([(libraryWide, 1.0)], 1.0, TableImputation.VectorSide(libraryWide, vector, _ => false), 0.5).Select(h => h.ChunkId));
    }
}
