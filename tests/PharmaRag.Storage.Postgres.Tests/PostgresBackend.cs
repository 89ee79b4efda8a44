using Npgsql;
using PharmaRag.Testing;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>
/// A fresh schema in the test run's PostgreSQL, migrated, for one conformance test; dropped
/// afterwards. Replicas are new data sources and store instances on the same schema, as another
/// process would open them.
/// </summary>
internal static class PostgresBackend
{
    public static async Task<PortFixture<T>> CreateAsync<T>(Func<PostgresDatabase, T> port) where T : class
    {
        var schema = TestPostgres.NewSchema();
        var database = new PostgresDatabase(TestPostgres.ConnectionString, schema);
        await new PostgresStoreInitializer(database).InitializeAsync(CancellationToken.None);
        var cleanup = new Cleanup(schema, [database]);
        return new PortFixture<T>(port(database), cleanup, () => port(cleanup.Open()));
    }

    private sealed class Cleanup(string schema, List<PostgresDatabase> databases) : IAsyncDisposable
    {
        public PostgresDatabase Open()
        {
            var database = new PostgresDatabase(TestPostgres.ConnectionString, schema);
            databases.Add(database);
            return database;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
            await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
