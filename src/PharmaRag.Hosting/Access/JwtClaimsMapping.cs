using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using PharmaRag.Core.Access;

namespace PharmaRag.Server.Access;

/// <summary>
/// JWT bearer validation (issuer, audience, lifetime, signature from the issuer's published keys
/// or a local key set file) and the mapping of a valid token's claims to a workspace and a role.
/// The token's own claims are dropped afterwards, so a token cannot smuggle PharmaRag's claims in.
/// </summary>
public static class JwtClaimsMapping
{
    public static void Configure(JwtBearerOptions options, JwtAuthOptions jwt)
    {
        options.MapInboundClaims = false;
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            options.Authority = jwt.Authority;
        }
        options.Audience = jwt.Audience;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer ?? jwt.Authority,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(jwt.ClockSkewSeconds),
        };
        if (!string.IsNullOrWhiteSpace(jwt.SigningKeysFile))
        {
            options.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(File.ReadAllText(jwt.SigningKeysFile)).GetSigningKeys();
        }
        options.Events = new JwtBearerEvents { OnTokenValidated = context => MapClaims(context, jwt) };
    }

    private static Task MapClaims(TokenValidatedContext context, JwtAuthOptions jwt)
    {
        var token = context.Principal!;
        var workspace = token.FindFirst(jwt.WorkspaceClaim)?.Value;
        if (!Workspace.IsValid(workspace))
        {
            context.Fail($"The token's {jwt.WorkspaceClaim} claim must name a workspace: {Workspace.Rule}.");
            return Task.CompletedTask;
        }
        var roles = token.FindAll(jwt.RoleClaim)
            .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            .Select(v => AccessClaims.TryParseRole(v, out var role) ? role : (ApiKeyRole?)null)
            .OfType<ApiKeyRole>()
            .ToArray();
        if (roles.Length == 0)
        {
            context.Fail($"The token's {jwt.RoleClaim} claim must hold reader, writer or admin.");
            return Task.CompletedTask;
        }
        var subject = token.FindFirst("sub")?.Value ?? "unknown";
        context.Principal = AccessClaims.Principal(JwtBearerDefaults.AuthenticationScheme, "jwt:" + subject, workspace!, roles.Max());
        return Task.CompletedTask;
    }
}
