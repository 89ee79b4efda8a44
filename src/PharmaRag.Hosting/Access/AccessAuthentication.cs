using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PharmaRag.Core.Access;

namespace PharmaRag.Server.Access;

/// <summary>
/// Who the caller is, the same way on the server and on the gateway: API keys (checked against
/// an <see cref="IApiKeyLookup"/> the host registers) or, when PharmaRag:Auth:Jwt is set, OIDC/JWT
/// bearer tokens; and one authorization policy per role, named after it.
/// </summary>
public static class AccessAuthentication
{
    public const string PolicyScheme = "PharmaRag";

    public static AuthOptions AddPharmaRagAuthentication(this IServiceCollection services, IConfiguration configuration, string urls)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton(AccessMode.For(urls, auth));

        var authentication = services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "API key or JWT bearer", o => o.ForwardDefaultSelector = context =>
                auth.Jwt.Enabled && BearerToken(context) is { } token && !ApiKeySecret.LooksLikeKey(token)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (auth.Jwt.Enabled)
        {
            authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o => JwtClaimsMapping.Configure(o, auth.Jwt));
        }
        // Authentication brings data protection, which would create a key ring in the user's
        // home folder at start-up; nothing here uses it (no cookies, no antiforgery tokens).
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var keyRingWarmUp = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToArray();
        foreach (var descriptor in keyRingWarmUp)
        {
            services.Remove(descriptor);
        }
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy(ApiKeyRole.Reader), p => p.RequireClaim(AccessClaims.Role, "reader", "writer", "admin"))
            .AddPolicy(Policy(ApiKeyRole.Writer), p => p.RequireClaim(AccessClaims.Role, "writer", "admin"))
            .AddPolicy(Policy(ApiKeyRole.Admin), p => p.RequireClaim(AccessClaims.Role, "admin"));
        return auth;
    }

    /// <summary>The policy name of a role: the role's own name.</summary>
    public static string Policy(ApiKeyRole role) => AccessClaims.RoleName(role);

    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
