using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Bench.Retrieval;

/// <summary>
/// The yardstick: textbook BM25 (Lucene.Net, its standard English analyzer, k1 = 1.2, b = 0.75)
/// over the very chunks the pipeline stored, so a difference in the report is a difference in
/// ranking, not in chunking. Queries run one at a time (the query parser is not thread-safe).
/// </summary>
public sealed class Bm25Baseline : IBenchRetriever, IDisposable
{
    public const string RowName = "bm25-baseline";

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string ChunkField = "chunk";
    private const string DocumentField = "document";
    private const string TextField = "text";

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer;
    private readonly QueryParser _parser;
    private readonly Dictionary<string, Chunk> _chunks;

    private Bm25Baseline(RAMDirectory directory, Analyzer analyzer, Dictionary<string, Chunk> chunks)
    {
        _directory = directory;
        _analyzer = analyzer;
        _chunks = chunks;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _parser = new QueryParser(Version, TextField, analyzer) { DefaultOperator = Operator.OR };
    }

    public string Name => RowName;

    /// <summary>Indexes <paramref name="chunks"/> in memory.</summary>
    public static Bm25Baseline Build(IReadOnlyCollection<Chunk> chunks)
    {
        var analyzer = new EnglishAnalyzer(Version);
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var chunk in chunks)
            {
                writer.AddDocument(new Document
                {
                    new StringField(ChunkField, chunk.Id, Field.Store.YES),
                    new StringField(DocumentField, chunk.DocumentId, Field.Store.NO),
                    // What the product's keyword index sees of a chunk: its section heading and text.
                    new TextField(TextField, chunk.Section is null ? chunk.Text : chunk.Section + "\n" + chunk.Text, Field.Store.NO),
                });
            }
            writer.Commit();
        }
        return new Bm25Baseline(directory, analyzer, chunks.ToDictionary(c => c.Id, StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(
        string question, int depth, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var query = Parse(question);
        if (query is null)
        {
            return Task.FromResult<IReadOnlyList<RetrievedChunk>>([]);
        }
        Filter? scope = documentIds is { Count: > 0 }
            ? new TermsFilter(documentIds.Select(id => new Term(DocumentField, id)).ToList())
            : null;
        var top = _searcher.Search(query, scope, depth);
        var hits = new List<RetrievedChunk>(top.ScoreDocs.Length);
        foreach (var scored in top.ScoreDocs)
        {
            var chunk = _chunks[_searcher.Doc(scored.Doc).Get(ChunkField)];
            hits.Add(new RetrievedChunk(chunk.Id, chunk.DocumentId, chunk.Text));
        }
        return Task.FromResult<IReadOnlyList<RetrievedChunk>>(hits);
    }

    // The question is escaped, so no character is read as query syntax, and lower-cased, so that
    // a capitalised AND, OR or NOT in it is a word rather than an operator.
    private Query? Parse(string question)
    {
        try
        {
            return _parser.Parse(QueryParserBase.Escape(question.ToLowerInvariant()));
        }
        catch (ParseException)
        {
            return null; // nothing left to search for (empty, or only stop words)
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
