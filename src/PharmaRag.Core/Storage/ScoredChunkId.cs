namespace PharmaRag.Core.Storage;

/// <summary>A search hit: a chunk id and a score where higher is better.</summary>
public readonly record struct ScoredChunkId(string ChunkId, double Score)
{
    /// <summary>
    /// Orders chunk ids by a key that does not depend on the order chunks were stored or indexed
    /// in (documents are ingested concurrently): the document id (a hash of its content), then the
    /// chunk's ordinal in the document as a number ("doc-9" before "doc-10").
    /// </summary>
    public static int CompareIds(string x, string y)
    {
        var dx = x.LastIndexOf('-');
        var dy = y.LastIndexOf('-');
        if (dx > 0 && dy > 0
            && int.TryParse(x.AsSpan(dx + 1), System.Globalization.NumberStyles.None, null, out var ox)
            && int.TryParse(y.AsSpan(dy + 1), System.Globalization.NumberStyles.None, null, out var oy))
        {
            var byDocument = x.AsSpan(0, dx).SequenceCompareTo(y.AsSpan(0, dy));
            return byDocument != 0 ? byDocument : ox.CompareTo(oy);
        }
        return string.CompareOrdinal(x, y);
    }

    /// <summary>Best first; equal scores in the stable order of <see cref="CompareIds"/>.</summary>
    public static int BestFirst(ScoredChunkId x, ScoredChunkId y) =>
        y.Score != x.Score ? y.Score.CompareTo(x.Score) : CompareIds(x.ChunkId, y.ChunkId);
}
