using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Store;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace PharmaRag.Storage.Lucene;

/// <summary>
/// BM25 keyword search with a Lucene.Net index in the data directory. One process writes: the one
/// that takes the exclusive lock on the folder's owner.lock (an operating-system lock released when
/// the process dies; Lucene.Net's own write.lock does not exclude another process). Every write
/// is committed before it returns, so a chunk reported indexed survives a crash, and chunks are
/// replaced by id, so re-indexing after a crash is harmless; its searches read a near-real-time
/// searcher refreshed after each write. A process that finds the lock taken (a CLI reader
/// beside a running server) opens the index read-only and sees each commit on its next search.
/// Ranking matches the FTS5 index it replaces: the same analysis, query words and BM25 (k1 1.2,
/// b 0.75, FTS5's idf), but scored in a few milliseconds at 100k chunks where FTS5 scored every match.
/// Lucene keeps a replaced or removed chunk in its statistics until its segment is rewritten; a
/// write that replaces or removes chunks rewrites the segments that held them before it returns, so
/// corpus statistics are exact (at 10% removed per segment, as Lucene would allow by default, the
/// development set lost a question), at the price of rewriting those segments: the cost of a removal
/// grows with the segment. Equal scores are ordered by chunk id (<see cref="ChunkOrder"/>), whatever the
/// order the chunks were indexed in.
/// </summary>
public sealed class LuceneKeywordIndex(string indexDirectory) : IKeywordIndex, IDisposable
{
    public const string FolderName = "keywords";

    private const string IdField = "id";
    private const string DocumentField = "document";
    private const string TextField = "text";
    private const string OwnerLockFile = "owner.lock";

    private static readonly HashSet<string> IdOnly = [IdField];

    private readonly ChunkTextAnalyzer _analyzer = new();
    private readonly System.Threading.Lock _gate = new();
    private LuceneDirectory? _directory;
    private FileStream? _ownerLock;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private bool _opened;
    private bool _disposed;

    /// <summary>True when another process holds the write lock, so this one only reads.</summary>
    public bool IsReadOnly
    {
        get
        {
            EnsureOpen();
            return _writer is null;
        }
    }

    /// <summary>The chunks in the index (deleted ones excluded).</summary>
    public int Count
    {
        get
        {
            var searchers = Searchers();
            if (searchers is null)
            {
                return 0;
            }
            var searcher = searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    public Task IndexAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (chunks.Count == 0)
        {
            return Task.CompletedTask;
        }
        var writer = Writer();
        foreach (var chunk in chunks)
        {
            writer.UpdateDocument(new Term(IdField, chunk.Id), new Document
            {
                new StringField(IdField, chunk.Id, Field.Store.YES),
                new StringField(DocumentField, chunk.DocumentId, Field.Store.NO),
                new TextField(TextField, chunk.Section is null ? chunk.Text : chunk.Section + "\n" + chunk.Text, Field.Store.NO),
            });
        }
        CommitAndRefresh(writer);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (chunkIds.Count > 0)
        {
            var writer = Writer();
            writer.DeleteDocuments([.. chunkIds.Select(id => new Term(IdField, id))]);
            CommitAndRefresh(writer);
        }
        return Task.CompletedTask;
    }

    public Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var writer = Writer();
        writer.DeleteDocuments(new Term(DocumentField, documentId));
        CommitAndRefresh(writer);
        return Task.CompletedTask;
    }

    /// <summary>The chunks of one document in the index.</summary>
    public int CountDocumentChunks(string documentId)
    {
        var searchers = Searchers();
        if (searchers is null)
        {
            return 0;
        }
        var searcher = searchers.Acquire();
        try
        {
            return searcher.Search(new TermQuery(new Term(DocumentField, documentId)), 1).TotalHits;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>Removes every chunk (before a rebuild from the store).</summary>
    public void Clear()
    {
        var writer = Writer();
        writer.DeleteAll();
        CommitAndRefresh(writer);
    }

    public Task<IReadOnlyList<ScoredChunkId>> SearchAsync(
        string query, int topK, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var searchers = topK <= 0 ? null : Searchers();
        if (searchers is null)
        {
            return Task.FromResult<IReadOnlyList<ScoredChunkId>>([]);
        }
        Filter? scope = documentIds is { Count: > 0 }
            ? new TermsFilter([.. documentIds.Select(id => new Term(DocumentField, id))])
            : null;
        var searcher = searchers.Acquire();
        try
        {
            if (KeywordQuery.Build(query, _analyzer, TextField, searcher) is not { } parsed)
            {
                return Task.FromResult<IReadOnlyList<ScoredChunkId>>([]);
            }
            // Lucene breaks score ties by its internal doc ids, which follow the order chunks were
            // indexed in: the chunks tying the last place are all read and ordered by chunk id.
            return Task.FromResult(ChunkOrder.Top(topK, n =>
            {
                var top = searcher.Search(parsed, scope, n);
                var hits = new List<ScoredChunkId>(top.ScoreDocs.Length);
                foreach (var scored in top.ScoreDocs)
                {
                    hits.Add(new ScoredChunkId(searcher.Doc(scored.Doc, IdOnly).Get(IdField), scored.Score));
                }
                return hits;
            }));
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private IndexWriter Writer()
    {
        EnsureOpen();
        return _writer ?? throw new InvalidOperationException(
            "The keyword index is open read-only: another process (a running server) holds its data directory; write through that process.");
    }

    // The writer's searchers; read-only, a searcher over the last commit (none until the owner has
    // created the index), refreshed so that each search sees the owner's latest commit.
    private SearcherManager? Searchers()
    {
        EnsureOpen();
        if (_writer is not null)
        {
            return _searchers;
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_searchers is null)
            {
                if (DirectoryReader.IndexExists(_directory))
                {
                    _searchers = new SearcherManager(_directory, new BM25SearcherFactory());
                }
            }
            else
            {
                _searchers.MaybeRefreshBlocking();
            }
            return _searchers;
        }
    }

    private void EnsureOpen()
    {
        if (Volatile.Read(ref _opened))
        {
            return;
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_opened)
            {
                return;
            }
            System.IO.Directory.CreateDirectory(indexDirectory);
            _directory = FSDirectory.Open(indexDirectory);
            try
            {
                _ownerLock = new FileStream(Path.Combine(indexDirectory, OwnerLockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                Volatile.Write(ref _opened, true); // another process writes; this one reads
                return;
            }
            try
            {
                _writer = new IndexWriter(_directory, new IndexWriterConfig(ChunkTextAnalyzer.Version, _analyzer)
                {
                    OpenMode = OpenMode.CREATE_OR_APPEND,
                    Similarity = new Fts5Bm25Similarity(),
                    // Removed chunks leave the statistics only when their segment is rewritten:
                    // every segment with one is, after each write, so scores stay exactly FTS5's.
                    MergePolicy = new TieredMergePolicy { ForceMergeDeletesPctAllowed = 0 },
                });
                _writer.Commit(); // a new index exists on disk (empty) from the start
                _searchers = new SearcherManager(_writer, applyAllDeletes: true, new BM25SearcherFactory());
            }
            catch
            {
                _writer?.Dispose();
                _writer = null;
                _ownerLock.Dispose();
                _ownerLock = null;
                throw;
            }
            Volatile.Write(ref _opened, true);
        }
    }

    private void CommitAndRefresh(IndexWriter writer)
    {
        if (writer.HasDeletions())
        {
            writer.ForceMergeDeletes(doWait: true);
        }
        writer.Commit();
        _searchers!.MaybeRefreshBlocking();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _searchers?.Dispose();
            _writer?.Dispose();
            _ownerLock?.Dispose();
            _directory?.Dispose();
            _analyzer.Dispose();
        }
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new Fts5Bm25Similarity() };
    }
}
