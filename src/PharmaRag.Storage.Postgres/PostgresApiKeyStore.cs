using Npgsql;
using PharmaRag.Core.Access;

namespace PharmaRag.Storage.Postgres;

/// <summary>API keys (hashed) in the api_keys table, shared by every replica.</summary>
public sealed class PostgresApiKeyStore(PostgresDatabase database) : IApiKeyStore
{
    private const string Columns = "key_id, secret_sha256, workspace, role, name, created_at, revoked_at";

    public Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            var inserted = await c.ExecuteAsync(t,
                $"INSERT INTO api_keys ({Columns}) VALUES (@id, @hash, @ws, @role, @name, @created, @revoked) ON CONFLICT (key_id) DO NOTHING",
                cancellationToken,
                ("id", key.KeyId), ("hash", key.SecretSha256), ("ws", key.Workspace), ("role", key.Role.ToString()),
                ("name", key.Name), ("created", key.CreatedAt.ToUniversalTime()), ("revoked", key.RevokedAt?.ToUniversalTime()));
            if (inserted == 0)
            {
                throw new InvalidOperationException($"An API key with id {key.KeyId} already exists.");
            }
        }, cancellationToken);

    public Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var read = c.Command($"SELECT {Columns} FROM api_keys WHERE key_id = @id", null, ("id", keyId));
            var keys = await read.ReadListAsync(Read, cancellationToken);
            return keys.Count == 0 ? null : keys[0];
        }, cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKeyRecord>>(async c =>
        {
            await using var read = c.Command($"SELECT {Columns} FROM api_keys ORDER BY created_at, key_id");
            return await read.ReadListAsync(Read, cancellationToken);
        }, cancellationToken);

    public Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
            await c.ExecuteAsync(t, "UPDATE api_keys SET revoked_at = @at WHERE key_id = @id AND revoked_at IS NULL", cancellationToken,
                ("id", keyId), ("at", revokedAt.ToUniversalTime())) == 1, cancellationToken);

    private static ApiKeyRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        (byte[])r.GetValue(1),
        r.GetString(2),
        Enum.Parse<ApiKeyRole>(r.GetString(3)),
        r.GetNullableString(4),
        r.GetFieldValue<DateTimeOffset>(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6));
}
