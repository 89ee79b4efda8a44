namespace PharmaRag.Bench.Evaluation;

/// <summary>One question's outcome, kept in the JSON report so failures can be read by class.</summary>
/// <param name="FirstHitRank">The rank of the first chunk holding a gold answer, or null.</param>
/// <param name="AnswerContainsGold">Null when no answer was asked for (the baseline).</param>
/// <param name="GoldPageCited">Null when the question names no gold page.</param>
public sealed record QuestionResult(
    string Id, string? Kind, int? FirstHitRank, bool? AnswerContainsGold, bool? GoldPageCited, string? Answer);
