using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Bench.Scoring;

/// <summary>
/// The share of an answer set's questions whose gold (by <see cref="QaScorer"/>'s rule: the whole
/// normalised answer or its first <see cref="AnswerNormalizer.PrefixLength"/> characters) is
/// contained in at least one stored chunk of the documents the question may search. No ranking can
/// score above it, so recall below it is ranking loss and the gap to 1 is text lost or split by
/// parsing and chunking.
/// </summary>
public static class GoldCeiling
{
    // Normalised text has no line breaks, so one between chunks keeps a match inside one chunk.
    private const char ChunkSeparator = '\n';

    /// <summary>Null for sets that do not score by answer containment or have no question.</summary>
    public static double? Measure(BenchSet set, DocumentMap map, IEnumerable<Chunk> chunks) =>
        Share(set, map, chunks.GroupBy(c => c.DocumentId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => string.Join(ChunkSeparator, g.OrderBy(c => c.Ordinal).Select(c => AnswerNormalizer.Normalize(c.Text))),
            StringComparer.Ordinal));

    /// <summary>
    /// The same share over other texts of the documents, by store id (each already normalised, its
    /// pieces joined by a line break): with a reference extraction of the documents (pdftotext), it
    /// tells golds the documents do not print verbatim from golds the product's text lost.
    /// </summary>
    public static double? Share(BenchSet set, DocumentMap map, IReadOnlyDictionary<string, string> normalizedTexts)
    {
        if (set.Scoring != SetScoring.AnswerContainment || set.Questions.Count == 0)
        {
            return null;
        }
        var library = new Lazy<string>(() => string.Join(ChunkSeparator, normalizedTexts.Values));
        var found = set.Questions.Count(question =>
        {
            var text = question.Scope is null
                ? library.Value
                : map.StoreIdOf(question.Scope) is { } id ? normalizedTexts.GetValueOrDefault(id, "") : "";
            return question.Answers.SelectMany(AnswerNormalizer.Keys).Any(key => text.Contains(key, StringComparison.Ordinal));
        });
        return (double)found / set.Questions.Count;
    }
}
