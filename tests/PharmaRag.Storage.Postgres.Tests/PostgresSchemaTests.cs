using Npgsql;
using PharmaRag.Testing;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>Versioned migrations, applied once even when replicas start together.</summary>
public sealed class PostgresSchemaTests
{
    [Fact]
    public async Task Replicas_starting_together_on_an_empty_database_migrate_it_once()
    {
        var schema = TestPostgres.NewSchema();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(TestPostgres.ConnectionString, schema)).ToArray();
        try
        {
            var applied = await Task.WhenAll(databases.Select(d => Task.Run(() => PostgresSchema.MigrateAsync(d, CancellationToken.None))));

            Assert.Equal(PostgresSchema.Version, applied.Sum());
            Assert.Equal(1, applied.Count(a => a > 0));
            await using var connection = await databases[0].OpenAsync(CancellationToken.None);
            await using var versions = new NpgsqlCommand("SELECT array_agg(version ORDER BY version) FROM schema_migrations", connection);
            Assert.Equal(Enumerable.Range(1, PostgresSchema.Version), (int[])(await versions.ExecuteScalarAsync())!);
            Assert.Equal(0, await PostgresSchema.MigrateAsync(databases[1], CancellationToken.None));
        }
        finally
        {
            await databases[0].DropSchemaAsync(CancellationToken.None);
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused_with_the_fix()
    {
        var schema = TestPostgres.NewSchema();
        await using var database = new PostgresDatabase(TestPostgres.ConnectionString, schema);
        try
        {
            await PostgresSchema.MigrateAsync(database, CancellationToken.None);
            await using (var connection = await database.OpenAsync(CancellationToken.None))
            await using (var future = new NpgsqlCommand($"INSERT INTO schema_migrations (version) VALUES ({PostgresSchema.Version + 1})", connection))
            {
                await future.ExecuteNonQueryAsync();
            }

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresSchema.MigrateAsync(database, CancellationToken.None));

            Assert.Contains("Upgrade PharmaRag", error.Message);
            Assert.Contains(schema, error.Message);
        }
        finally
        {
            await database.DropSchemaAsync(CancellationToken.None);
        }
    }
}
