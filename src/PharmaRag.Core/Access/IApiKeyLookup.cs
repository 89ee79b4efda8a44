namespace PharmaRag.Core.Access;

/// <summary>
/// Finds an API key by id, to verify a presented key: the key store itself on the server, the
/// key directory the server publishes to the object store on the gateway (which has no database).
/// </summary>
public interface IApiKeyLookup
{
    /// <summary>The key with this id, revoked or not, or null.</summary>
    Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken);
}
