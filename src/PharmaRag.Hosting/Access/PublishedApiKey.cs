namespace PharmaRag.Server.Access;

/// <summary>One key in the published key directory: its id, the SHA-256 of its secret (base64), workspace, role, revoked.</summary>
public sealed record PublishedApiKey(string Id, string SecretSha256, string Workspace, string Role, bool Revoked);
