using Lucene.Net.Search.Similarities;

namespace PharmaRag.Storage.Lucene;

/// <summary>
/// BM25 (k1 1.2, b 0.75) with the inverse document frequency SQLite FTS5 uses,
/// ln((N - n + 0.5) / (n + 0.5)) floored at 1e-6, so that rankings match the FTS5 index this
/// replaces: a word in more than half of the chunks adds next to nothing.
/// </summary>
internal sealed class Fts5Bm25Similarity() : BM25Similarity(1.2f, 0.75f)
{
    protected override float Idf(long docFreq, long numDocs) =>
        (float)Math.Max(1e-6, Math.Log((numDocs - docFreq + 0.5) / (docFreq + 0.5)));
}
