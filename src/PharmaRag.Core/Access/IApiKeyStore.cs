namespace PharmaRag.Core.Access;

/// <summary>
/// Where API keys live (hashed). One store per deployment, beside the default workspace's data,
/// whatever the number of workspaces.
/// </summary>
public interface IApiKeyStore : IApiKeyLookup
{
    /// <summary>Stores a new key; a key id that already exists is an <see cref="InvalidOperationException"/>.</summary>
    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Every key, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Marks a key revoked; false when there is no such key or it was already revoked.</summary>
    Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
