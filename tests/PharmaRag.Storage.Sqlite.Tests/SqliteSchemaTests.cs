using Microsoft.Data.Sqlite;
using PharmaRag.Storage.Sqlite;
using PharmaRag.Testing;

namespace PharmaRag.Storage.Sqlite.Tests;

public sealed class SqliteSchemaTests
{
    [Fact]
    public async Task Migration_is_idempotent_and_a_newer_schema_is_refused()
    {
        using var directory = new TempDirectory();
        var database = new SqliteDatabase(Path.Combine(directory.Path, "test.db"));
        await SqliteSchema.MigrateAsync(database, CancellationToken.None);
        await SqliteSchema.MigrateAsync(database, CancellationToken.None);

        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteSchema.Version + 1}";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteSchema.MigrateAsync(database, CancellationToken.None));
        Assert.Contains("newer than this PharmaRag", error.Message);
        SqliteConnection.ClearAllPools();
    }
}
