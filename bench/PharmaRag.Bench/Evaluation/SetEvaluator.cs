using System.Diagnostics;
using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Bench.Retrieval;

namespace PharmaRag.Bench.Evaluation;

/// <summary>Asks every question of a set through one retriever, one at a time, timing each retrieval.</summary>
public static class SetEvaluator
{
    private const int WarmUpQuestions = 3;

    public static async Task<ModeReport> EvaluateAsync(
        BenchSet set, DocumentMap map, IBenchRetriever retriever, IProgress<int> progress, CancellationToken cancellationToken)
    {
        // The first queries pay for JIT compilation and cold caches; they are not what a user waits for.
        foreach (var question in set.Questions.Take(WarmUpQuestions))
        {
            await retriever.RetrieveAsync(question.Text, set.Depth, ScopeOf(question, map), cancellationToken);
        }

        var sums = new Dictionary<string, double>();
        var latencies = new List<double>(set.Questions.Count);
        for (var i = 0; i < set.Questions.Count; i++)
        {
            var question = set.Questions[i];
            var scope = ScopeOf(question, map);
            var clock = Stopwatch.StartNew();
            var ranked = await retriever.RetrieveAsync(question.Text, set.Depth, scope, cancellationToken);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var (metric, value) in QuestionScorer.Score(set, question, ranked, scope, map))
            {
                sums[metric] = sums.GetValueOrDefault(metric) + value;
            }
            progress.Report(i + 1);
        }

        var count = Math.Max(1, set.Questions.Count);
        return new ModeReport(
            retriever.Name,
            set.Questions.Count,
            MetricNames.InReportOrder(sums.Keys).ToDictionary(m => m, m => sums[m] / count),
            LatencyStats.Percentile(latencies, 50),
            LatencyStats.Percentile(latencies, 95),
            latencies.Count > 0 ? latencies.Average() : 0);
    }

    // A scope names a dataset document; when that document failed to ingest nothing can be
    // retrieved for the question, and it counts as a miss rather than silently going unscoped.
    private static IReadOnlyCollection<string>? ScopeOf(BenchQuestion question, DocumentMap map) =>
        question.Scope is null ? null : [map.StoreIdOf(question.Scope) ?? "not-ingested:" + question.Scope];
}
