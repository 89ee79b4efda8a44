using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Bench.Retrieval;
using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Evaluation;

/// <summary>
/// The metrics of one question, by the set's kind of gold. Each yielded value is one observation
/// of its metric; a metric's figure is the mean of its observations (one per question, except
/// citation precision: one per citation).
/// </summary>
internal static class QuestionScorer
{
    public static IEnumerable<(string Metric, double Value)> Score(
        BenchSet set, BenchQuestion question, IReadOnlyList<RetrievedChunk> ranked, IReadOnlyCollection<string>? scope, DocumentMap map) =>
        set.Scoring == SetScoring.AnswerContainment
            ? ByAnswer(set, question, ranked, scope)
            : ByDocument(set, question, ranked, map);

    /// <summary>What the user reads: the answer's text and citations against the gold.</summary>
    public static IEnumerable<(string Metric, double Value)> ScoreAnswer(
        BenchQuestion question, BenchAnswer answer, DocumentMap map, PageTexts pages)
    {
        yield return (MetricNames.AnswerContainsGold, AnswerScorer.ContainsGold(answer.Text, question.Answers) ? 1 : 0);
        if (GoldPageCited(question, answer, map) is { } cited)
        {
            yield return (MetricNames.GoldPageCited, cited ? 1 : 0);
        }
        foreach (var onPage in AnswerScorer.CitationsOnTheirPage(answer, pages))
        {
            yield return (MetricNames.CitationPrecision, onPage ? 1 : 0);
        }
    }

    /// <summary>Null when the question names no gold document and page.</summary>
    public static bool? GoldPageCited(BenchQuestion question, BenchAnswer answer, DocumentMap map) =>
        question is { GoldDocument: { } document, GoldPage: { } page }
            ? map.StoreIdOf(document) is { } storeId && AnswerScorer.CitesPage(answer, storeId, page)
            : null;

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
