namespace PharmaRag.Bench.Evaluation;

/// <summary>Names of the reported metrics and their column order.</summary>
public static class MetricNames
{
    public const string Ndcg10 = "ndcg@10";
    public const string Mrr = "mrr";

    /// <summary>The answer text contains a whole gold answer (normalised; no prefix rule).</summary>
    public const string AnswerContainsGold = "answer_contains_gold";

    /// <summary>The gold document and page is among the answer's first three citations.</summary>
    public const string GoldPageCited = "gold_page_cited";

    /// <summary>Share of citations whose page holds the text they quote (over all citations).</summary>
    public const string CitationPrecision = "citation_precision";

    public static string Recall(int k) => $"recall@{k}";

    /// <summary>nDCG first, then recall by ascending k, then MRR, then the answer metrics.</summary>
    public static IEnumerable<string> InReportOrder(IEnumerable<string> names) =>
        names.Distinct().OrderBy(Rank).ThenBy(RecallK);

    private static int Rank(string name) => name switch
    {
        Ndcg10 => 0,
        Mrr => 2,
        AnswerContainsGold => 3,
        GoldPageCited => 4,
        CitationPrecision => 5,
        _ => 1,
    };

    private static int RecallK(string name) =>
        name.StartsWith("recall@", StringComparison.Ordinal) && int.TryParse(name["recall@".Length..], out var k) ? k : 0;
}
