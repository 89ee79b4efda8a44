using System.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// The numbered passages a grounded answer may cite. A chunk that spans pages is split at the page
/// breaks, so that every number resolves to exactly one document and page.
/// </summary>
public sealed class AnswerContext
{
    private AnswerContext(IReadOnlyList<Citation> passages) => Passages = passages;

    /// <summary>Passage n (1-based) is <c>Passages[n - 1]</c>.</summary>
    public IReadOnlyList<Citation> Passages { get; }

    public static AnswerContext From(IReadOnlyList<SearchHit> hits, int maxCharacters)
    {
        var passages = new List<Citation>();
        var used = 0;
        foreach (var hit in hits)
        {
            var chunk = hit.Chunk;
            for (var i = 0; i < chunk.PageSpans.Count; i++)
            {
                var start = Math.Clamp(chunk.PageSpans[i].Offset, 0, chunk.Text.Length);
                var end = i + 1 < chunk.PageSpans.Count ? Math.Clamp(chunk.PageSpans[i + 1].Offset, start, chunk.Text.Length) : chunk.Text.Length;
                var text = chunk.Text[start..end].Trim();
                if (text.Length == 0 || used + text.Length > maxCharacters && passages.Count > 0)
                {
                    continue;
                }
                used += text.Length;
                passages.Add(new Citation(chunk.DocumentId, hit.FileName, chunk.PageSpans[i].Page, chunk.Id, text));
            }
        }
        return new AnswerContext(passages);
    }

    /// <summary>The passages as the prompt shows them: "[n] (file, p. N)" and the text.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Passages.Count; i++)
        {
            text.Append('[').Append(i + 1).Append("] (").Append(Passages[i].FileName).Append(", p. ").Append(Passages[i].Page).Append(")\n")
                .Append(Passages[i].Text).Append("\n\n");
        }
        return text.ToString();
    }
}
