namespace PharmaRag.Bench.Evaluation;

/// <summary>Names of the reported metrics and their column order.</summary>
public static class MetricNames
{
    public const string Ndcg10 = "ndcg@10";
    public const string Mrr = "mrr";

    public static string Recall(int k) => $"recall@{k}";

    /// <summary>nDCG first, then recall by ascending k, then MRR.</summary>
    public static IEnumerable<string> InReportOrder(IEnumerable<string> names) =>
        names.Distinct().OrderBy(Rank).ThenBy(RecallK);

    private static int Rank(string name) => name switch
    {
        Ndcg10 => 0,
        Mrr => 2,
        _ => 1,
    };

    private static int RecallK(string name) =>
        name.StartsWith("recall@", StringComparison.Ordinal) && int.TryParse(name["recall@".Length..], out var k) ? k : 0;
}
