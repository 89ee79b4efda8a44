using PharmaRag.Core.Access;

namespace PharmaRag.Gateway.Access;

/// <summary>
/// Endpoint metadata of a gateway route: the least role it needs (null: open, or authorised by
/// its own signature as a presigned upload is), and whether compute answers it (the gateway then
/// checks credentials only when authentication is required, so that strangers cannot start compute;
/// compute checks them again with its own role table).
/// </summary>
public sealed record GatewayRoutePermission(ApiKeyRole? Role, bool ForwardedToCompute);
