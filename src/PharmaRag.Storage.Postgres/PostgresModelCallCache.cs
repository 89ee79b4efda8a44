using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Postgres;

/// <summary>Model call results in the model_calls table, shared by every replica.</summary>
public sealed class PostgresModelCallCache(PostgresDatabase database, TimeProvider time) : IModelCallCache
{
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var read = c.Command("SELECT value FROM model_calls WHERE key = @k", null, ("k", key));
            return (byte[]?)await read.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);

    public Task SetAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t,
            """
            INSERT INTO model_calls (key, value, created_at) VALUES (@k, @v, @t)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at
            """, cancellationToken, ("k", key), ("v", value), ("t", time.GetUtcNow().ToUniversalTime())), cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t, "DELETE FROM model_calls WHERE key = @k", cancellationToken, ("k", key)), cancellationToken);
}
