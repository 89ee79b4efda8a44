using PharmaRag.Bench.Ingestion;
using PharmaRag.Bench.Retrieval;

namespace PharmaRag.Bench.Scoring;

/// <summary>
/// Scores the answer a user reads, not the chunks behind it: whether it states a gold answer
/// (the whole gold string, normalised; no prefix rule), whether it cites the gold page, and
/// whether each cited page holds what is quoted from it.
/// </summary>
public static class AnswerScorer
{
    /// <summary>How many of the first citations may name the gold page for it to count as cited.</summary>
    public const int CitedPageWindow = 3;

    /// <summary>True when the normalised answer contains one whole normalised gold answer.</summary>
    public static bool ContainsGold(string answer, IEnumerable<string> golds)
    {
        var text = AnswerNormalizer.Normalize(answer);
        return golds.Select(AnswerNormalizer.Normalize).Any(g => g.Length > 0 && text.Contains(g, StringComparison.Ordinal));
    }

    /// <summary>True when one of the first <see cref="CitedPageWindow"/> citations names the gold document and page.</summary>
    public static bool CitesPage(BenchAnswer answer, string documentId, int page) =>
        answer.Citations.Take(CitedPageWindow).Any(c => c.DocumentId == documentId && c.Page == page);

    /// <summary>For each citation, whether its page holds the text it quotes.</summary>
    public static IEnumerable<bool> CitationsOnTheirPage(BenchAnswer answer, PageTexts pages) =>
        answer.Citations.Select(c => pages.PageContains(c.DocumentId, c.Page, c.Text));
}
