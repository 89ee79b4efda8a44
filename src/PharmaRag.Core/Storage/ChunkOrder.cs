namespace PharmaRag.Core.Storage;

/// <summary>
/// The one order of equal scores: a ranking must depend only on the library's contents, never on
/// the order its documents were indexed in (ingestion runs documents in parallel, and an index
/// breaks score ties by its internal, insertion-ordered ids). Equal scores are ordered by chunk id
/// in natural order: document id, then ordinal as a number ("d-2" before "d-10").
/// </summary>
public static class ChunkOrder
{
    /// <summary>Natural order of chunk ids (<c>documentId-ordinal</c>); other ids in ordinal string order.</summary>
    public static readonly IComparer<string> Ids = Comparer<string>.Create(CompareIds);

    /// <summary>Score descending, then chunk id in natural order.</summary>
    public static readonly IComparer<ScoredChunkId> Ranking = Comparer<ScoredChunkId>.Create(CompareRanking);

    public static int CompareRanking(ScoredChunkId x, ScoredChunkId y) =>
        x.Score != y.Score ? y.Score.CompareTo(x.Score) : CompareIds(x.ChunkId, y.ChunkId);

    public static int CompareIds(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        if (Split(x) is var (dx, ox) && Split(y) is var (dy, oy))
        {
            var byDocument = x.AsSpan(0, dx).SequenceCompareTo(y.AsSpan(0, dy));
            return byDocument != 0 ? byDocument : ox != oy ? ox.CompareTo(oy) : string.CompareOrdinal(x, y);
        }
        return string.CompareOrdinal(x, y);
    }

    // The length of the document id and the ordinal of a chunk id, or null when it has no numeric ordinal.
    private static (int DocumentLength, long Ordinal)? Split(string id)
    {
        var dash = id.LastIndexOf('-');
        return dash > 0 && long.TryParse(id.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal)
            ? (dash, ordinal)
            : null;
    }

    /// <summary>
    /// The best <paramref name="topK"/> of a search that breaks score ties its own way (by insertion
    /// order): asks for a few more than <paramref name="topK"/>, and for twice as many while the
    /// last one asked for still ties the <paramref name="topK"/>-th, so every chunk tying the last
    /// place is seen; then orders them by <see cref="Ranking"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ScoredChunkId>> TopAsync(int topK, Func<int, Task<IReadOnlyList<ScoredChunkId>>> search)
    {
        if (topK <= 0)
        {
            return [];
        }
        var asked = FirstAsk(topK);
        while (true)
        {
            if (Cut(await search(asked), topK, ref asked) is { } top)
            {
                return top;
            }
        }
    }

    /// <summary>The same as <see cref="TopAsync"/> for a synchronous search.</summary>
    public static IReadOnlyList<ScoredChunkId> Top(int topK, Func<int, IReadOnlyList<ScoredChunkId>> search)
    {
        if (topK <= 0)
        {
            return [];
        }
        var asked = FirstAsk(topK);
        while (true)
        {
            if (Cut(search(asked), topK, ref asked) is { } top)
            {
                return top;
            }
        }
    }

    private static int FirstAsk(int topK) => topK + Math.Max(8, topK / 4);

    // The first topK in ranking order when the search returned every chunk tying the topK-th;
    // otherwise null, with twice as many to ask for.
    private static IReadOnlyList<ScoredChunkId>? Cut(IReadOnlyList<ScoredChunkId> found, int topK, ref int asked)
    {
        var hits = found.ToArray();
        Array.Sort(hits, Ranking);
        if (hits.Length < asked || hits.Length <= topK || hits[^1].Score < hits[topK - 1].Score || asked >= int.MaxValue / 2)
        {
            return hits.Length <= topK ? hits : hits[..topK];
        }
        asked *= 2;
        return null;
    }
}
