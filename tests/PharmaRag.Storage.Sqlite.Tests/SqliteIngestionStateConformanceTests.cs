using PharmaRag.Storage.Sqlite;
using PharmaRag.Testing;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The ingestion state conformance suite against a real SQLite file.</summary>
public sealed class SqliteIngestionStateConformanceTests : IngestionStateConformance
{
    protected override async Task<StoreFixture> CreateAsync()
    {
        var directory = new TempDirectory();
        var database = new SqliteDatabase(Path.Combine(directory.Path, "test.db"));
        await new SqliteStoreInitializer(database).InitializeAsync(CancellationToken.None);
        return new StoreFixture(
            new SqliteRagStore(database, TimeProvider.System),
            new SqliteJobQueue(database, TimeProvider.System),
            new SqliteKeywordIndex(database),
            new SqliteVectorIndex(database),
            new SqliteGraphStore(database),
            new Cleanup(directory));
    }

    private sealed class Cleanup(TempDirectory directory) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
