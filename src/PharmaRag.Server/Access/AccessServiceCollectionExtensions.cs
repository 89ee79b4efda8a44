using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Access;
using PharmaRag.Server.Workspaces;

namespace PharmaRag.Server.Access;

/// <summary>
/// Authentication (API keys, optional JWT bearer), role policies, workspaces, per-caller rate
/// limits and the audit log: everything that makes the server safe to share.
/// </summary>
public static class AccessServiceCollectionExtensions
{
    public const string PolicyScheme = AccessAuthentication.PolicyScheme;
    public const string RateLimitPolicy = "per-caller";

    public static IServiceCollection AddPharmaRagAccess(this IServiceCollection services, IConfiguration configuration, string urls)
    {
        services.AddPharmaRagAuthentication(configuration, urls);
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IApiKeyLookup>(sp => sp.GetRequiredService<IApiKeyStore>());
        services.AddSingleton<ApiKeyPublisher>();
        services.AddHostedService<ApiKeyPublishing>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var caller = AccessClaims.CallerOf(context.User) is { } id && id != AccessClaims.LocalCaller
                    ? "caller:" + id
                    : "address:" + context.Connection.RemoteIpAddress;
                if (limits.RequestsPerWindow == 0 || RoutePermissions.Of(context) is { Role: null, AuditAction: null })
                {
                    // Partitions are cached by key: the unlimited one must not share a caller's key.
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                var time = context.RequestServices.GetRequiredService<TimeProvider>();
                return RateLimitPartition.Get(caller, _ => new WindowRateLimiter(limits.RequestsPerWindow, TimeSpan.FromSeconds(limits.WindowSeconds), time));
            });
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var limits = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : limits.WindowSeconds;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    $"Rate limit exceeded: at most {limits.RequestsPerWindow} requests per {limits.WindowSeconds} s per caller " +
                    $"({RateLimitOptions.Section}:RequestsPerWindow, WindowSeconds). Retry after {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(rejected.HttpContext);
            };
        });

        services.AddSingleton<AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        services.AddSingleton<WorkspaceServiceTypes>();
        services.AddSingleton<WorkspaceEngines>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkspaceEngines>());
        return services;
    }

    /// <summary>The request pipeline: authenticate, audit what follows, authorise, limit, choose the workspace.</summary>
    public static WebApplication UsePharmaRagAccess(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<AccessMode>();
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PharmaRag.Access").LogAccessMode(mode);
        app.UseAuthentication();
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<WorkspaceMiddleware>();
        return app;
    }

    /// <summary>The route group every API endpoint is mapped on: role table, rate limit, workspace-aware filter.</summary>
    public static RouteGroupBuilder MapPharmaRagApi(this WebApplication app)
    {
        var api = app.MapGroup("").WithRoutePermissions();
        api.RequireRateLimiting(RateLimitPolicy);
        api.AddEndpointFilter(WorkspaceEndpointFilter.InvokeAsync);
        return api;
    }
}
