namespace PharmaRag.Server.Access;

/// <summary>
/// The key directory the server publishes to the object store for the gateway, which runs
/// while compute (and its database) is stopped: every key's id, hash, workspace, role and
/// whether it is revoked. Never a secret: a hash of 256 random bits cannot be turned back into a key.
/// </summary>
public sealed record PublishedApiKeys(int Version, DateTimeOffset PublishedAt, IReadOnlyList<PublishedApiKey> Keys)
{
    /// <summary>Where the directory lives in the deployment's (default workspace's) object store.</summary>
    public const string ObjectKey = "access/api-keys.json";

    public const int CurrentVersion = 1;
}
