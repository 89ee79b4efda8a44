using PharmaRag.Bench.Evaluation;
using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Tests;

public sealed class RankingMetricsTests
{
    private static readonly HashSet<string> Relevant = ["d2", "d5"];
    private static readonly string[] Ranked = ["d1", "d2", "d3", "d4", "d5"];

    [Fact]
    public void Recall_is_the_share_of_relevant_documents_within_k()
    {
        Assert.Equal(0, RankingMetrics.Recall(Ranked, Relevant, 1));
        Assert.Equal(0.5, RankingMetrics.Recall(Ranked, Relevant, 2));
        Assert.Equal(1, RankingMetrics.Recall(Ranked, Relevant, 100));
    }

    [Fact]
    public void Reciprocal_rank_is_that_of_the_first_relevant_document()
    {
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(Ranked, Relevant));
        Assert.Equal(0, RankingMetrics.ReciprocalRank(["d9"], Relevant));
    }

    [Fact]
    public void Ndcg_uses_binary_gains_and_the_ideal_ordering()
    {
        // DCG = 1/log2(3) + 1/log2(6); ideal = 1 + 1/log2(3).
        var expected = (1 / Math.Log2(3) + 1 / Math.Log2(6)) / (1 + 1 / Math.Log2(3));
        Assert.Equal(expected, RankingMetrics.Ndcg(Ranked, Relevant, 10), 10);
        Assert.Equal(1, RankingMetrics.Ndcg(["d2", "d5", "d1"], Relevant, 10), 10);
        Assert.Equal(0, RankingMetrics.Ndcg(["d1"], Relevant, 10));
    }

    [Fact]
    public void Chunks_collapse_to_their_document_at_its_first_rank()
    {
        Assert.Equal(["a", "b", "c"], RankingMetrics.FirstOccurrence(["a", "b", "a", "c", "b"]));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        double[] values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
        Assert.Equal(5, LatencyStats.Percentile(values, 50));
        Assert.Equal(10, LatencyStats.Percentile(values, 95));
        Assert.Equal(0, LatencyStats.Percentile([], 50));
    }

    [Fact]
    public void Metric_columns_are_ndcg_then_recall_by_k_then_mrr()
    {
        Assert.Equal(
            ["ndcg@10", "recall@1", "recall@5", "recall@100", "mrr"],
            MetricNames.InReportOrder(["mrr", "recall@100", "recall@5", "ndcg@10", "recall@1"]));
    }
}
