using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Postgres;

/// <summary>Applies the schema migrations at start-up and reports what the database offers.</summary>
public sealed class PostgresStoreInitializer(PostgresDatabase database) : IStoreInitializer
{
    private bool? _pgvector;

    public string Description =>
        $"PostgreSQL (schema v{PostgresSchema.Version}, BM25 in SQL, vectors in table + in-process HNSW" +
        (_pgvector == true ? "; pgvector is available but not needed" : "; pgvector not available, not needed") + ")";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await PostgresSchema.MigrateAsync(database, cancellationToken);
        _pgvector = await PostgresSchema.HasPgvectorAsync(database, cancellationToken);
    }
}
