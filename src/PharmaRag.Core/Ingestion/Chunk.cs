namespace PharmaRag.Core.Ingestion;

/// <summary>
/// A retrievable piece of a document. Its id is the document id plus its ordinal, so
/// re-ingesting a document overwrites exactly the chunks it wrote before.
/// </summary>
public sealed record Chunk
{
    public required string Id { get; init; }
    public required string DocumentId { get; init; }
    public required int Ordinal { get; init; }
    public required string Text { get; init; }
    public required int Tokens { get; init; }
    /// <summary>Where each page starts inside <see cref="Text"/>, in ascending offset order.</summary>
    public required IReadOnlyList<PageSpan> PageSpans { get; init; }
    /// <summary>
    /// The chunk's context, indexed with its text: its section path, then (after a line break) the
    /// title words of its document, on every chunk but the first, which opens with them (see <see cref="DocumentTitle"/>).
    /// </summary>
    public string? Section { get; init; }

    /// <summary>The section path alone (the part of <see cref="Section"/> before the document title), or null.</summary>
    public string? SectionPath => Section?.IndexOf('\n') switch
    {
        null => null,
        < 0 => Section,
        0 => null,
        var end => Section[..end.Value],
    };

    /// <summary>Table for chunks cut from a table (rows under repeated headers); Text otherwise.</summary>
    public Content.BlockKind Kind { get; init; } = Content.BlockKind.Text;

    public IReadOnlyList<int> Pages => PageSpans.Select(s => s.Page).Distinct().Order().ToArray();

    /// <summary>The page that holds the character at <paramref name="offset"/>.</summary>
    public int PageAt(int offset)
    {
        var page = PageSpans[0].Page;
        foreach (var span in PageSpans)
        {
            if (span.Offset > offset)
            {
                break;
            }
            page = span.Page;
        }
        return page;
    }

    public static string MakeId(string documentId, int ordinal) => $"{documentId}-{ordinal}";
}
