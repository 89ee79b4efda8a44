using PharmaRag.Testing;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>A fresh SQLite file in a temporary directory, migrated, for one conformance test.</summary>
internal static class SqliteBackend
{
    public static async Task<PortFixture<T>> CreateAsync<T>(Func<SqliteDatabase, T> port) where T : class
    {
        var directory = new TempDirectory();
        var database = new SqliteDatabase(Path.Combine(directory.Path, "test.db"));
        await new SqliteStoreInitializer(database).InitializeAsync(CancellationToken.None);
        return new PortFixture<T>(port(database), new Cleanup(directory));
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
