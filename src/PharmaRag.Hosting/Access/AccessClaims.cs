using System.Security.Claims;
using PharmaRag.Core.Access;

namespace PharmaRag.Server.Access;

/// <summary>The claims PharmaRag's authorization reads, whatever authenticated the caller.</summary>
public static class AccessClaims
{
    public const string Workspace = "pharmarag:workspace";
    public const string Role = "pharmarag:role";
    /// <summary>The API key id, or the token's subject: who, in the audit log.</summary>
    public const string Caller = "pharmarag:caller";
    public const string LocalCaller = "local";

    public static ClaimsPrincipal Principal(string scheme, string caller, string workspace, ApiKeyRole role) =>
        new(new ClaimsIdentity(
            [new Claim(Caller, caller), new Claim(Workspace, workspace), new Claim(Role, RoleName(role))],
            scheme, Caller, Role));

    public static string RoleName(ApiKeyRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? value, out ApiKeyRole role)
    {
        role = ApiKeyRole.Reader;
        return value is "reader" or "writer" or "admin" or "Reader" or "Writer" or "Admin"
            && Enum.TryParse(value, ignoreCase: true, out role);
    }

    public static string? WorkspaceOf(ClaimsPrincipal user) => user.FindFirst(Workspace)?.Value;

    public static string? CallerOf(ClaimsPrincipal user) => user.FindFirst(Caller)?.Value;

    public static ApiKeyRole? RoleOf(ClaimsPrincipal user) =>
        TryParseRole(user.FindFirst(Role)?.Value, out var role) ? role : null;
}
