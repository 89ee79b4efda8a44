namespace PharmaRag.Core.Access;

/// <summary>Which audit events to read: a time range, a workspace, a key, at most <see cref="Limit"/> (newest kept).</summary>
public sealed record AuditQuery(
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Workspace = null,
    string? KeyId = null,
    int Limit = 1000);
