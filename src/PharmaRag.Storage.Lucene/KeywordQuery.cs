using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PharmaRag.Core.Text;

namespace PharmaRag.Storage.Lucene;

/// <summary>
/// A question as a Lucene query, with the semantics of the FTS5 index's match expression: each
/// query word (stop words dropped) OR-ed, and a compound such as "il-6" or "mg/kg" also searched
/// as a phrase, so the chunk that has the compound itself scores above one that only has its parts.
/// No query text is read as query syntax. As in FTS5's bm25(), a phrase weighs by its own idf
/// (from the chunks that contain the phrase), not by the sum of its words' idfs, which would count
/// an identifier such as "H2Q-MC-LZZT" three times over: the phrase's boost scales one to the other.
/// </summary>
internal static class KeywordQuery
{
    /// <summary>Most query clauses, named in the error: far above any question's distinct words.</summary>
    public const int MaxClauses = 1024;

    public static Query? Build(string query, Analyzer analyzer, string field, IndexSearcher searcher)
    {
        var documents = searcher.CollectionStatistics(field).DocCount;
        var clauses = new BooleanQuery(disableCoord: true);
        foreach (var token in TermAnalyzer.SearchTokens(query).Where(t => t.Contains('-') || t.Contains('/'))
                     .Concat(TermAnalyzer.Words(query)).Distinct().Take(MaxClauses))
        {
            var terms = Analyze(analyzer, field, token);
            if (terms.Count == 1)
            {
                clauses.Add(new TermQuery(new Term(field, terms[0])), Occur.SHOULD);
            }
            else if (terms.Count > 1)
            {
                var phrase = new PhraseQuery();
                foreach (var term in terms)
                {
                    phrase.Add(new Term(field, term));
                }
                var matches = new TotalHitCountCollector();
                searcher.Search(phrase, matches);
                if (matches.TotalHits > 0)
                {
                    var wordIdfs = terms.Sum(t => Fts5Bm25Similarity.Idf(searcher.IndexReader.DocFreq(new Term(field, t)), documents));
                    phrase.Boost = (float)(Fts5Bm25Similarity.Idf(matches.TotalHits, documents) / wordIdfs);
                    clauses.Add(phrase, Occur.SHOULD);
                }
            }
        }
        return clauses.Clauses.Count == 0 ? null : clauses;
    }

    private static List<string> Analyze(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }
}
