namespace PharmaRag.Bench.Evaluation;

/// <summary>The quality and speed of one retriever (a query mode, or the baseline) on one set.</summary>
/// <param name="Metrics">Mean of each metric over the questions, by <see cref="MetricNames"/>.</param>
public sealed record ModeReport(
    string Mode,
    int Questions,
    IReadOnlyDictionary<string, double> Metrics,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyMeanMs);
