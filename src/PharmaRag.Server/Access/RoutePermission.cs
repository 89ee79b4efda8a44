using PharmaRag.Core.Access;

namespace PharmaRag.Server.Access;

/// <summary>
/// Endpoint metadata: the least role a route needs (null: open, such as /health, or authorised
/// by its own signature, such as a presigned upload) and the action it is audited as (null: not audited).
/// </summary>
public sealed record RoutePermission(ApiKeyRole? Role, string? AuditAction);
