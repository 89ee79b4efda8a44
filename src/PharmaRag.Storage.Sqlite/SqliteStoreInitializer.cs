using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Sqlite;

/// <summary>Creates or migrates the SQLite schema at start-up.</summary>
public sealed class SqliteStoreInitializer(SqliteDatabase database) : IStoreInitializer
{
    public string Description => $"SQLite (schema v{SqliteSchema.Version})";

    public Task InitializeAsync(CancellationToken cancellationToken) => SqliteSchema.MigrateAsync(database, cancellationToken);
}
