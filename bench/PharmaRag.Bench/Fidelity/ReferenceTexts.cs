using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Fidelity;

/// <summary>
/// The documents a set's questions may search, as a reference extraction gives them rather than
/// as the product stored them: poppler's pdftotext for PDFs, the text itself for text documents.
/// Normalised by <see cref="AnswerNormalizer"/>, pages joined by a line break, by store id.
/// </summary>
public static class ReferenceTexts
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(BenchSet set, DocumentMap map, CancellationToken cancellationToken)
    {
        var scoped = set.Questions.All(q => q.Scope is not null);
        var wanted = scoped ? set.Questions.Select(q => q.Scope!).ToHashSet(StringComparer.Ordinal) : null;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in set.Documents.Where(d => wanted is null || wanted.Contains(d.Id)))
        {
            if (map.StoreIdOf(document.Id) is not { } id || texts.ContainsKey(id))
            {
                continue;
            }
            IReadOnlyList<string> pages = document.SourcePath is { } path && path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
                ? await PdftotextPages.ReadAsync(path, layout: false, cancellationToken)
                : [document.Text ?? await File.ReadAllTextAsync(document.SourcePath!, cancellationToken)];
            texts[id] = string.Join('\n', pages.Select(AnswerNormalizer.Normalize));
        }
        return texts;
    }
}
