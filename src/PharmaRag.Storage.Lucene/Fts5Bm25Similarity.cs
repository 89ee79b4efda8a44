using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace PharmaRag.Storage.Lucene;

/// <summary>
/// BM25 as SQLite FTS5's bm25() computes it, so rankings match the FTS5 index this replaces:
/// k1 1.2, b 0.75, idf ln((N - n + 0.5) / (n + 0.5)) floored at 1e-6 (a word in more than half
/// of the chunks adds next to nothing), and each chunk's exact length in words. Lucene's own
/// BM25Similarity keeps lengths as one lossy byte (about 12% steps) and uses another idf; both
/// moved the development set's rankings. A phrase's idf is the sum of its words' idfs, which
/// <see cref="KeywordQuery"/> scales to the phrase's own idf with the phrase's boost.
/// </summary>
internal sealed class Fts5Bm25Similarity : Similarity
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>The norm is the chunk's length in tokens, exactly (norms hold any long).</summary>
    public override long ComputeNorm(FieldInvertState state) => state.Length;

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        var documents = collectionStats.DocCount > 0 ? collectionStats.DocCount : collectionStats.MaxDoc;
        var idf = termStats.Sum(t => Idf(t.DocFreq, documents));
        var averageLength = collectionStats.SumTotalTermFreq > 0 && documents > 0
            ? collectionStats.SumTotalTermFreq / (double)documents
            : 1;
        return new Weight(collectionStats.Field, idf, averageLength, queryBoost);
    }

    /// <summary>FTS5's idf: ln((N - n + 0.5) / (n + 0.5)), at least 1e-6.</summary>
    public static double Idf(long documentFrequency, long documents) =>
        Math.Max(1e-6, Math.Log((documents - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var w = (Weight)weight;
        return new Scorer(w, context.AtomicReader.GetNormValues(w.Field));
    }

    private sealed class Weight(string fieldName, double idf, double averageLength, float queryBoost) : SimWeight
    {
        public string Field => fieldName;
        public double AverageLength => averageLength;
        public double Value { get; private set; } = idf * queryBoost;

        public override float GetValueForNormalization() => (float)(Value * Value);

        public override void Normalize(float queryNorm, float topLevelBoost) => Value = idf * queryBoost * topLevelBoost;
    }

    private sealed class Scorer(Weight weight, NumericDocValues? norms) : SimScorer
    {
        public override float Score(int doc, float freq)
        {
            var length = norms is null ? weight.AverageLength : norms.Get(doc);
            return (float)(weight.Value * freq * (K1 + 1) / (freq + K1 * (1 - B + B * length / weight.AverageLength)));
        }

        public override float ComputeSlopFactor(int distance) => 1f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1f;
    }
}
