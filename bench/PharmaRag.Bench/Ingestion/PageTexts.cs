using PharmaRag.Bench.Scoring;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Bench.Ingestion;

/// <summary>
/// What the store holds for each page of each document: every chunk cut at its page breaks, the
/// pieces of one page normalised by <see cref="AnswerNormalizer"/>. Citation precision asks it
/// whether a cited page really holds the cited text.
/// </summary>
public sealed class PageTexts
{
    private readonly Dictionary<(string Document, int Page), List<string>> _pieces = [];

    public static PageTexts From(IEnumerable<Chunk> chunks)
    {
        var texts = new PageTexts();
        foreach (var chunk in chunks)
        {
            for (var i = 0; i < chunk.PageSpans.Count; i++)
            {
                var start = Math.Clamp(chunk.PageSpans[i].Offset, 0, chunk.Text.Length);
                var end = i + 1 < chunk.PageSpans.Count ? Math.Clamp(chunk.PageSpans[i + 1].Offset, start, chunk.Text.Length) : chunk.Text.Length;
                var key = (chunk.DocumentId, chunk.PageSpans[i].Page);
                if (!texts._pieces.TryGetValue(key, out var pieces))
                {
                    texts._pieces[key] = pieces = [];
                }
                pieces.Add(AnswerNormalizer.Normalize(chunk.Text[start..end]));
            }
        }
        return texts;
    }

    /// <summary>Whether <paramref name="text"/>, normalised, is printed on that page of that document.</summary>
    public bool PageContains(string documentId, int page, string text)
    {
        var key = AnswerNormalizer.Normalize(text);
        return key.Length > 0 && _pieces.TryGetValue((documentId, page), out var pieces) && pieces.Any(p => p.Contains(key, StringComparison.Ordinal));
    }
}
