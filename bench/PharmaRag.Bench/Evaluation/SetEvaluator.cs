using System.Diagnostics;
using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Bench.Retrieval;
using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Evaluation;

/// <summary>
/// Asks every question of a set through one retriever, one at a time, timing each retrieval. On
/// answer sets a retriever that also answers (a product mode) is asked for the answer too; that
/// time is not retrieval latency.
/// </summary>
public static class SetEvaluator
{
    private const int WarmUpQuestions = 3;

    public static async Task<ModeReport> EvaluateAsync(
        BenchSet set, DocumentMap map, IBenchRetriever retriever, PageTexts pages, IProgress<int> progress, CancellationToken cancellationToken)
    {
        // The first queries pay for JIT compilation and cold caches; they are not what a user waits for.
        foreach (var question in set.Questions.Take(WarmUpQuestions))
        {
            await retriever.RetrieveAsync(question.Text, set.Depth, ScopeOf(question, map), cancellationToken);
        }

        var answerer = set.Scoring == SetScoring.AnswerContainment ? retriever as IBenchAnswerer : null;
        var all = new MetricSums();
        var byKind = new Dictionary<string, MetricSums>(StringComparer.Ordinal);
        var results = set.Scoring == SetScoring.AnswerContainment ? new List<QuestionResult>(set.Questions.Count) : null;
        var latencies = new List<double>(set.Questions.Count);
        for (var i = 0; i < set.Questions.Count; i++)
        {
            var question = set.Questions[i];
            var scope = ScopeOf(question, map);
            var clock = Stopwatch.StartNew();
            var ranked = await retriever.RetrieveAsync(question.Text, set.Depth, scope, cancellationToken);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            var observations = QuestionScorer.Score(set, question, ranked, scope, map).ToList();
            BenchAnswer? answer = null;
            if (answerer is not null)
            {
                answer = await answerer.AnswerAsync(question.Text, scope, cancellationToken);
                observations.AddRange(QuestionScorer.ScoreAnswer(question, answer, map, pages));
            }
            all.Add(observations);
            if (question.Kind is { } kind)
            {
                if (!byKind.TryGetValue(kind, out var sums))
                {
                    byKind[kind] = sums = new MetricSums();
                }
                sums.Add(observations);
            }
            results?.Add(new QuestionResult(
                question.Id,
                question.Kind,
                set.Scoring == SetScoring.AnswerContainment ? QaScorer.FirstHitRank(question.Answers, ranked, scope) : null,
                answer is null ? null : AnswerScorer.ContainsGold(answer.Text, question.Answers),
                answer is null ? null : QuestionScorer.GoldPageCited(question, answer, map),
                answer?.Text));
            progress.Report(i + 1);
        }

        return new ModeReport(
            retriever.Name,
            set.Questions.Count,
            all.Means(),
            LatencyStats.Percentile(latencies, 50),
            LatencyStats.Percentile(latencies, 95),
            latencies.Count > 0 ? latencies.Average() : 0)
        {
            ByKind = byKind.Count == 0 ? null : byKind.ToDictionary(k => k.Key, IReadOnlyDictionary<string, double> (k) => k.Value.Means()),
            Results = results,
        };
    }

    // A scope names a dataset document; when that document failed to ingest nothing can be
    // retrieved for the question, and it counts as a miss rather than silently going unscoped.
    private static IReadOnlyCollection<string>? ScopeOf(BenchQuestion question, DocumentMap map) =>
        question.Scope is null ? null : [map.StoreIdOf(question.Scope) ?? "not-ingested:" + question.Scope];

    private sealed class MetricSums
    {
        private readonly Dictionary<string, (double Sum, int Count)> _sums = [];

        public void Add(IEnumerable<(string Metric, double Value)> observations)
        {
            foreach (var (metric, value) in observations)
            {
                var (sum, count) = _sums.GetValueOrDefault(metric);
                _sums[metric] = (sum + value, count + 1);
            }
        }

        public Dictionary<string, double> Means() =>
            MetricNames.InReportOrder(_sums.Keys).ToDictionary(m => m, m => _sums[m].Sum / Math.Max(1, _sums[m].Count));
    }
}
