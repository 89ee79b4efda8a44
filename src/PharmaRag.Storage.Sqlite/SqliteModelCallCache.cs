using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Sqlite;

/// <summary>Model call results in the model_calls table, keyed by the caller's content hash.</summary>
public sealed class SqliteModelCallCache(SqliteDatabase database, TimeProvider time) : IModelCallCache
{
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var read = c.Command("SELECT value FROM model_calls WHERE key = $k", null, ("$k", key));
            return (byte[]?)await read.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);

    public Task SetAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var write = c.Command(
                """
                INSERT INTO model_calls (key, value, created_at) VALUES ($k, $v, $t)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at
                """, t, ("$k", key), ("$v", value), ("$t", time.GetUtcNow().ToString("O")));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var delete = c.Command("DELETE FROM model_calls WHERE key = $k", t, ("$k", key));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
