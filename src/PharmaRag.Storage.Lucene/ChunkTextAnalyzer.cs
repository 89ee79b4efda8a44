using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Util;

namespace PharmaRag.Storage.Lucene;

/// <summary>
/// The keyword analyzer, for chunks and queries alike: the equivalent of FTS5's
/// 'porter unicode61 remove_diacritics 2' (letter/digit runs, lower case, diacritics folded,
/// Porter stemming). No stop words are removed from chunks, so document lengths count every word.
/// </summary>
internal sealed class ChunkTextAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new WordTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
