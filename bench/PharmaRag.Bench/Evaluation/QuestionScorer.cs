using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Bench.Retrieval;
using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Evaluation;

/// <summary>The metrics of one question's ranked chunks, by the set's kind of gold.</summary>
internal static class QuestionScorer
{
    public static IEnumerable<(string Metric, double Value)> Score(
        BenchSet set, BenchQuestion question, IReadOnlyList<RetrievedChunk> ranked, IReadOnlyCollection<string>? scope, DocumentMap map) =>
        set.Scoring == SetScoring.AnswerContainment
            ? ByAnswer(set, question, ranked, scope)
            : ByDocument(set, question, ranked, map);

    private static IEnumerable<(string, double)> ByAnswer(
        BenchSet set, BenchQuestion question, IReadOnlyList<RetrievedChunk> ranked, IReadOnlyCollection<string>? scope)
    {
        var rank = QaScorer.FirstHitRank(question.Answers, ranked, scope);
        foreach (var k in set.RecallCutoffs)
        {
            yield return (MetricNames.Recall(k), rank <= k ? 1 : 0);
        }
        yield return (MetricNames.Mrr, rank is { } r ? 1.0 / r : 0);
    }

    private static IEnumerable<(string, double)> ByDocument(
        BenchSet set, BenchQuestion question, IReadOnlyList<RetrievedChunk> ranked, DocumentMap map)
    {
        var documents = RankingMetrics.FirstOccurrence(ranked.Select(c => c.DocumentId))
            .SelectMany(map.DatasetIdsOf)
            .ToArray();
        if (set.ReportsNdcg)
        {
            yield return (MetricNames.Ndcg10, RankingMetrics.Ndcg(documents, question.Relevant, 10));
        }
        foreach (var k in set.RecallCutoffs)
        {
            yield return (MetricNames.Recall(k), RankingMetrics.Recall(documents, question.Relevant, k));
        }
        yield return (MetricNames.Mrr, RankingMetrics.ReciprocalRank(documents, question.Relevant));
    }
}
