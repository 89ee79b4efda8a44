namespace PharmaRag.Bench.Datasets;

/// <summary>A corpus, its questions, and how they are scored.</summary>
public sealed record BenchSet(
    string Name, SetScoring Scoring, IReadOnlyList<CorpusDocument> Documents, IReadOnlyList<BenchQuestion> Questions)
{
    /// <summary>What the set is, for the report.</summary>
    public string Description { get; init; } = "";

    /// <summary>The k of each recall@k reported.</summary>
    public IReadOnlyList<int> RecallCutoffs { get; init; } = [1, 5, 10];

    /// <summary>Whether nDCG@10 is reported (document-level sets).</summary>
    public bool ReportsNdcg { get; init; }

    /// <summary>
    /// Chunks retrieved per question. Document-level sets retrieve more chunks than their largest
    /// cutoff, because several chunks of one document collapse into one ranked document.
    /// </summary>
    public int Depth { get; init; } = 10;

    /// <summary>How a quick run cut the set down, or null for the whole set.</summary>
    public string? Sampling { get; init; }
}
