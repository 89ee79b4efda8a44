using Npgsql;

namespace PharmaRag.Storage.Postgres;

/// <summary>
/// One PostgreSQL database (and schema) shared by every replica. Connections come from one
/// pooled data source whose search path is the configured schema, so statements name tables
/// without a schema and never build SQL from configuration.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    public PostgresDatabase(string connectionString, string? schema)
    {
        Schema = string.IsNullOrWhiteSpace(schema) ? "public" : schema;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Schema };
        DataSource = NpgsqlDataSource.Create(builder);
        Host = $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema that holds PharmaRag's tables (a validated identifier).</summary>
    public string Schema { get; }

    /// <summary>Host, port and database, for logs (never the password).</summary>
    public string Host { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one read-committed transaction.</summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            await work(c, t);
            return true;
        }, cancellationToken);

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection);
    }

    /// <summary>Drops the schema and everything in it (throwaway schemas of benchmarks and tests only).</summary>
    public async Task DropSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, $"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE", cancellationToken);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
