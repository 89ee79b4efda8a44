namespace PharmaRag.Bench.Evaluation;

/// <summary>The quality and speed of one retriever (a query mode, or the baseline) on one set.</summary>
/// <param name="Metrics">Mean of each metric over the questions, by <see cref="MetricNames"/>.</param>
public sealed record ModeReport(
    string Mode,
    int Questions,
    IReadOnlyDictionary<string, double> Metrics,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyMeanMs)
{
    /// <summary>The same metrics by question kind ("text", "table"), when the question file gives kinds.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? ByKind { get; init; }

    /// <summary>Per question, for answer sets: where the gold first ranked and how the answer scored.</summary>
    public IReadOnlyList<QuestionResult>? Results { get; init; }
}
