namespace PharmaRag.Bench.Scoring;

/// <summary>Document-level ranking metrics with binary relevance (as BEIR scores SciFact's qrels).</summary>
public static class RankingMetrics
{
    /// <summary>The share of the relevant documents found among the first <paramref name="k"/>.</summary>
    public static double Recall(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k) =>
        relevant.Count == 0 ? 0 : (double)ranked.Take(k).Count(relevant.Contains) / relevant.Count;

    /// <summary>1 / rank of the first relevant document, 0 when none was retrieved.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /// <summary>Normalised discounted cumulative gain at <paramref name="k"/> with gain 1 for every relevant document.</summary>
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                dcg += Discount(i);
            }
        }
        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            ideal += Discount(i);
        }
        return dcg / ideal;
    }

    /// <summary>
    /// Documents in the order their first chunk was retrieved: a document ranks where its best
    /// chunk ranks, and its later chunks do not push other documents down.
    /// </summary>
    public static IReadOnlyList<string> FirstOccurrence(IEnumerable<string> documentIds)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return documentIds.Where(seen.Add).ToArray();
    }

    private static double Discount(int index) => 1.0 / Math.Log2(index + 2);
}
