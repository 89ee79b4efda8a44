using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Access;

namespace PharmaRag.Server.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer prk_...</c> against the hashed keys of the
/// <see cref="IApiKeyLookup"/> (the key store on the server, the published key directory on the gateway). Without the header, and only when authentication is off
/// (loopback), the caller is the local single user: admin of the default workspace.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyLookup keys,
    AccessMode mode) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string PresentedKeyItem = "pharmarag.presented-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return mode.Required
                ? AuthenticateResult.NoResult()
                : Success(AccessClaims.LocalCaller, Workspace.Default, ApiKeyRole.Admin);
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer KEY'.");
        }
        if (!ApiKeySecret.TryParse(header["Bearer ".Length..].Trim(), out var keyId, out var secret))
        {
            return AuthenticateResult.Fail("The bearer token is not a PharmaRag API key.");
        }
        var key = await keys.FindAsync(keyId, Context.RequestAborted);
        if (key is null || key.IsRevoked || !ApiKeySecret.Matches(key, secret))
        {
            // The audit log names the key a refused request presented.
            Context.Items[PresentedKeyItem] = keyId;
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        return Success(key.KeyId, key.Workspace, key.Role);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(string caller, string workspace, ApiKeyRole role) =>
        AuthenticateResult.Success(new AuthenticationTicket(AccessClaims.Principal(Scheme.Name, caller, workspace, role), Scheme.Name));
}
