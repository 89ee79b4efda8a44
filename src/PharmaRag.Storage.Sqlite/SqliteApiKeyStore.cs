using Microsoft.Data.Sqlite;
using PharmaRag.Core.Access;

namespace PharmaRag.Storage.Sqlite;

/// <summary>API keys (hashed) in the api_keys table of the data directory's SQLite file.</summary>
public sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    private const string Columns = "key_id, secret_sha256, workspace, role, name, created_at, revoked_at";

    public Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var insert = c.Command(
                $"INSERT INTO api_keys ({Columns}) VALUES ($id, $hash, $ws, $role, $name, $created, $revoked)", t,
                ("$id", key.KeyId), ("$hash", key.SecretSha256), ("$ws", key.Workspace), ("$role", key.Role.ToString()),
                ("$name", key.Name), ("$created", key.CreatedAt.ToUnixTimeMilliseconds()), ("$revoked", key.RevokedAt?.ToUnixTimeMilliseconds()));
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                throw new InvalidOperationException($"An API key with id {key.KeyId} already exists.");
            }
        }, cancellationToken);

    public Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var read = c.Command($"SELECT {Columns} FROM api_keys WHERE key_id = $id", null, ("$id", keyId));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKeyRecord>>(async c =>
        {
            await using var read = c.Command($"SELECT {Columns} FROM api_keys ORDER BY created_at, key_id");
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            var keys = new List<ApiKeyRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(Read(reader));
            }
            return keys;
        }, cancellationToken);

    public Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var update = c.Command(
                "UPDATE api_keys SET revoked_at = $at WHERE key_id = $id AND revoked_at IS NULL", t,
                ("$id", keyId), ("$at", revokedAt.ToUnixTimeMilliseconds()));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    private static ApiKeyRecord Read(SqliteDataReader r) => new(
        r.GetString(0),
        (byte[])r.GetValue(1),
        r.GetString(2),
        Enum.Parse<ApiKeyRole>(r.GetString(3)),
        r.GetNullableString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
        r.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)));
}
