using PharmaRag.Core.Access;

namespace PharmaRag.Server.Contracts;

/// <summary>An API key as listed: never its secret.</summary>
public sealed record KeyResponse(string Id, string Workspace, string Role, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static KeyResponse From(ApiKeyRecord key) =>
        new(key.KeyId, key.Workspace, key.Role.ToString().ToLowerInvariant(), key.Name, key.CreatedAt, key.RevokedAt);
}
