using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Storage;
using PharmaRag.Storage.Sqlite;
using PharmaRag.Testing;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Lucene.Tests;

/// <summary>
/// A data directory indexed by FTS5 (or switched back to it for a while) gets its Lucene index
/// built from the stored chunks at start-up, with progress in the log and no document text.
/// </summary>
public sealed class LuceneKeywordIndexRebuildTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task An_fts5_data_directory_is_reindexed_from_the_store_once_with_moving_progress()
    {
        var (store, _) = await OpenStoreAsync();
        var document = SampleData.Document("legacy");
        await store.UpsertDocumentAsync(document, None);
        // 2,500 chunks: two full batches of 1,000 and a last one of 500.
        var chunks = Enumerable.Range(0, 2500)
            .Select(i => SampleData.Chunk(document.Id, i, i == 1234 ? "Hepatotoxicity secret text in one chunk." : $"Routine visit {i} recorded vital signs."))
            .ToArray();
        await store.UpsertChunksAsync(chunks, None);

        var logger = new RecordingLogger<LuceneKeywordIndexInitializer>();
        using (var index = OpenIndex())
        {
            // Auto-advancing time: every progress check sees more than the progress interval pass.
            var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(6) };
            await new LuceneKeywordIndexInitializer(index, store, clock, logger).InitializeAsync(None);

            Assert.Equal(2500, index.Count);
            Assert.Equal(chunks[1234].Id, (await index.SearchAsync("hepatotoxicity", 5, null, None)).Single().ChunkId);
        }
        Assert.Equal("lucene", await store.GetSettingAsync(KeywordIndexRecord.Setting, None));
        var progress = logger.Entries.SelectMany(e => e.Values).Where(v => v.Key == "Chunks").Select(v => (int)v.Value!).ToArray();
        Assert.Equal([1000, 2000, 2500], progress);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("Hepatotoxicity", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Routine"));

        // The next start finds the index up to date and does not rebuild it.
        logger.Entries.Clear();
        using (var index = OpenIndex())
        {
            await new LuceneKeywordIndexInitializer(index, store, TimeProvider.System, logger).InitializeAsync(None);
            Assert.Equal(2500, index.Count);
        }
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task A_missing_index_folder_or_a_spell_on_fts5_rebuilds_it_from_what_the_store_holds_now()
    {
        var (store, database) = await OpenStoreAsync();
        var document = SampleData.Document("switch");
        await store.UpsertDocumentAsync(document, None);
        var first = SampleData.Chunk(document.Id, 0, "Warfarin interacts with CYP2C9 inhibitors.");
        await store.UpsertChunksAsync([first], None);
        using (var index = OpenIndex())
        {
            await Initializer(index, store).InitializeAsync(None);
        }

        // A spell with KeywordIndex=sqlite: FTS5 takes a new chunk the Lucene index never saw.
        var second = SampleData.Chunk(document.Id, 1, "Metformin is taken with the evening meal.");
        await store.UpsertChunksAsync([second], None);
        var fts = new SqliteKeywordIndex(database);
        await new SqliteKeywordIndexInitializer(fts, store, TimeProvider.System, new RecordingLogger<SqliteKeywordIndexInitializer>()).InitializeAsync(None);
        await fts.IndexAsync([second], None);
        Assert.Equal([second.Id], (await fts.SearchAsync("metformin", 5, null, None)).Select(h => h.ChunkId));
        Assert.Equal("sqlite", await store.GetSettingAsync(KeywordIndexRecord.Setting, None));

        using (var index = OpenIndex())
        {
            await Initializer(index, store).InitializeAsync(None);
            Assert.Equal([second.Id], (await index.SearchAsync("metformin", 5, null, None)).Select(h => h.ChunkId));
            Assert.Equal(2, index.Count);
        }

        // The index folder deleted: rebuilt at the next start.
        Directory.Delete(Path.Combine(_data.Path, LuceneKeywordIndex.FolderName), recursive: true);
        using (var index = OpenIndex())
        {
            await Initializer(index, store).InitializeAsync(None);
            Assert.Equal([first.Id], (await index.SearchAsync("warfarin", 5, null, None)).Select(h => h.ChunkId));
        }
    }

    [Fact]
    public async Task Fts5_is_rebuilt_when_the_store_records_that_lucene_indexed_the_chunks()
    {
        var (store, database) = await OpenStoreAsync();
        var document = SampleData.Document("back");
        await store.UpsertDocumentAsync(document, None);
        var chunk = SampleData.Chunk(document.Id, 0, "Remdesivir is given by intravenous infusion.");
        await store.UpsertChunksAsync([chunk], None);
        await store.SetSettingAsync(KeywordIndexRecord.Setting, "lucene", None);
        var fts = new SqliteKeywordIndex(database);
        Assert.Empty(await fts.SearchAsync("remdesivir", 5, null, None));

        await new SqliteKeywordIndexInitializer(fts, store, TimeProvider.System, new RecordingLogger<SqliteKeywordIndexInitializer>()).InitializeAsync(None);

        Assert.Equal([chunk.Id], (await fts.SearchAsync("remdesivir", 5, null, None)).Select(h => h.ChunkId));
        Assert.Equal("sqlite", await store.GetSettingAsync(KeywordIndexRecord.Setting, None));
    }

    private LuceneKeywordIndex OpenIndex() => new(Path.Combine(_data.Path, LuceneKeywordIndex.FolderName));

    private static LuceneKeywordIndexInitializer Initializer(LuceneKeywordIndex index, IRagStore store) =>
        new(index, store, TimeProvider.System, new RecordingLogger<LuceneKeywordIndexInitializer>());

    private async Task<(SqliteRagStore Store, SqliteDatabase Database)> OpenStoreAsync()
    {
        var database = new SqliteDatabase(Path.Combine(_data.Path, SqliteStorageServiceCollectionExtensions.FileName));
        await new SqliteStoreInitializer(database).InitializeAsync(None);
        return (new SqliteRagStore(database, TimeProvider.System), database);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
