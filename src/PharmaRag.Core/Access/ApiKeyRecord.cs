namespace PharmaRag.Core.Access;

/// <summary>
/// A stored API key: its public id, the SHA-256 of its secret (never the secret itself), the
/// workspace and role it grants, and when it was created and revoked.
/// </summary>
public sealed record ApiKeyRecord(
    string KeyId,
    byte[] SecretSha256,
    string Workspace,
    ApiKeyRole Role,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
