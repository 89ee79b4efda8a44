using PharmaRag.Bench.Retrieval;

namespace PharmaRag.Bench.Scoring;

/// <summary>
/// Scores a question by answer containment: it is a hit at rank r when the r-th retrieved chunk
/// contains one of its answers (or an answer's first <see cref="AnswerNormalizer.PrefixLength"/>
/// characters), both sides normalised by <see cref="AnswerNormalizer"/>.
/// </summary>
public static class QaScorer
{
    /// <summary>
    /// The 1-based rank of the first chunk that contains an answer, or null. Chunks outside
    /// <paramref name="scope"/> (store document ids) neither count nor take a rank, so a
    /// retriever that ignores a question's scope cannot score with another document's text.
    /// </summary>
    public static int? FirstHitRank(
        IEnumerable<string> answers, IEnumerable<RetrievedChunk> ranked, IReadOnlyCollection<string>? scope = null)
    {
        var keys = answers.SelectMany(AnswerNormalizer.Keys).Distinct(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0)
        {
            return null;
        }
        var rank = 0;
        foreach (var chunk in ranked)
        {
            if (scope is { Count: > 0 } && !scope.Contains(chunk.DocumentId))
            {
                continue;
            }
            rank++;
            var text = AnswerNormalizer.Normalize(chunk.Text);
            if (keys.Any(key => text.Contains(key, StringComparison.Ordinal)))
            {
                return rank;
            }
        }
        return null;
    }

    /// <summary>True when an answer is contained in one of the first <paramref name="k"/> in-scope chunks.</summary>
    public static bool IsHitAt(
        int k, IEnumerable<string> answers, IEnumerable<RetrievedChunk> ranked, IReadOnlyCollection<string>? scope = null) =>
        FirstHitRank(answers, ranked, scope) is { } rank && rank <= k;
}
