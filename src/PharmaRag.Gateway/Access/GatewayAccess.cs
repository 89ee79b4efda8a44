using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Access;
using PharmaRag.Core.Storage;
using PharmaRag.Gateway.Hosting;
using PharmaRag.Server.Access;

namespace PharmaRag.Gateway.Access;

/// <summary>
/// Authentication on the gateway, which runs while compute and its database are stopped: API
/// keys are verified against the key directory the server publishes to the object store
/// (<see cref="PublishedApiKeyLookup"/>), JWT bearer tokens with the same PharmaRag:Auth:Jwt
/// settings as the server, and the gateway's own routes are authorised by its role table.
/// </summary>
public static class GatewayAccess
{
    public static IServiceCollection AddGatewayAccess(this IServiceCollection services, IConfiguration configuration, string urls)
    {
        services.AddPharmaRagAuthentication(configuration, urls);
        services.AddSingleton<IApiKeyLookup>(sp => new PublishedApiKeyLookup(
            sp.GetRequiredService<IObjectStore>(), sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.KeyCacheSeconds),
            sp.GetRequiredService<ILogger<PublishedApiKeyLookup>>()));
        services.AddSingleton<GatewayWorkspaces>();
        return services;
    }

    public static WebApplication UseGatewayAccess(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<AccessMode>();
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PharmaRag.Gateway.Access").LogAccessMode(mode);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<GatewayWorkspaceMiddleware>();
        return app;
    }

    /// <summary>The route group every gateway endpoint is mapped on.</summary>
    public static RouteGroupBuilder MapGatewayApi(this WebApplication app)
    {
        var api = app.MapGroup("").WithGatewayRoutePermissions(app.Services.GetRequiredService<AccessMode>());
        api.AddEndpointFilter(WorkspaceUploadUrlFilter.InvokeAsync);
        return api;
    }
}
