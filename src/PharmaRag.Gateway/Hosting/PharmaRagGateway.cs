using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;
using PharmaRag.Gateway.Access;
using PharmaRag.Gateway.Compute;
using PharmaRag.Gateway.Ecs;
using PharmaRag.Gateway.Endpoints;
using PharmaRag.Gateway.Forwarding;
using PharmaRag.Hosting;
using PharmaRag.Hosting.Inbox;
using PharmaRag.Server.Endpoints;
using PharmaRag.Server.Hosting;
using PharmaRag.Server.Uploads;
using PharmaRag.Storage.FileSystem;

namespace PharmaRag.Gateway.Hosting;

/// <summary>Builds and runs the gateway: the original's API Gateway and Lambda functions.</summary>
public static class PharmaRagGateway
{
    public static WebApplication Build(GatewaySettings settings, TimeProvider? clock = null)
    {
        var builder = ApiConventions.CreateBuilder(settings.Urls, settings.ConfigurationArgs);
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(clock ?? TimeProvider.System);
        services.AddSingleton(new DataDirectoryInfo(settings.DataDirectory));

        // Uploads land in the object store here; the database and the parsers belong to compute.
        services.AddSingleton<IDocumentParser, ParsedOnCompute>();
        services.AddSingleton<DocumentParserRegistry>();
        services.AddSingleton<AutoProcessingFilter>();
        services.AddConfiguredObjectStore(builder.Configuration, settings.DataDirectory);

        services.AddHttpClient(nameof(ComputeForwarder), http => http.Timeout = TimeSpan.FromMinutes(10));
        services.AddHttpClient(nameof(LocalProcessComputeController));
        services.AddHttpClient(nameof(IdleCheck));
        AddComputeController(services, builder.Configuration[$"{GatewayOptions.Section}:Compute"] ?? "local-process", settings);

        services.AddSingleton<ComputeActivity>();
        services.AddSingleton<WorkInbox>();
        services.AddSingleton<ComputeForwarder>();
        services.AddSingleton<QueryRelay>();
        services.AddSingleton<IdleCheck>();
        services.AddSingleton<ObjectCreatedIntake>();
        services.AddSingleton<IUploadListener>(sp => sp.GetRequiredService<ObjectCreatedIntake>());
        services.AddHostedService<ComputeLifetime>();
        services.AddHostedService<IdleStopper>();
        services.AddGatewayAccess(builder.Configuration, settings.Urls);

        var app = builder.Build();
        app.UseApiConventions();
        app.UseWebPage(); // the page's static files; they never start compute
        app.UseGatewayAccess();
        var api = app.MapGatewayApi();
        api.MapGatewayEndpoints();
        api.MapUploadEndpoints();
        return app;
    }

    private static void AddComputeController(IServiceCollection services, string mode, GatewaySettings settings)
    {
        switch (mode)
        {
            case "always-on":
                services.AddSingleton(settings.AlwaysOnCompute ?? throw new InvalidOperationException(
                    "always-on compute runs the server in this process: start it with `pharmarag gateway --compute always-on`, or use ecs or local-process."));
                break;
            case "ecs":
                AddEcsClients(services);
                services.AddSingleton<IComputeController, EcsComputeController>();
                break;
            default:
                services.AddSingleton<IComputeController, LocalProcessComputeController>();
                break;
        }
    }

    /// <summary>
    /// The ECS and ELB JSON/Query clients (AWSSDK.ECS is not available): credentials from settings or the
    /// SDK's default chain, each attempt signed by the SDK's SigV4 signer, throttling and transient failures retried.
    /// </summary>
    private static void AddEcsClients(IServiceCollection services)
    {
        static EcsOptions Ecs(IServiceProvider sp) => sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Ecs;
        services.AddSingleton(sp => new AwsCredentialSource(Ecs(sp)));
        services.AddSingleton(sp => new AwsSigV4Signer(sp.GetRequiredService<AwsCredentialSource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(EcsApiClient.ClientName)
            .AddAwsRetry()
            .AddHttpMessageHandler(sp => new AwsSigningHandler(sp.GetRequiredService<AwsSigV4Signer>(), Ecs(sp).Region, "ecs"));
        services.AddHttpClient(ElbApiClient.ClientName)
            .AddAwsRetry()
            .AddHttpMessageHandler(sp => new AwsSigningHandler(sp.GetRequiredService<AwsSigV4Signer>(), Ecs(sp).Region, "elasticloadbalancing"));
        services.AddSingleton(sp => new EcsApiClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(EcsApiClient.ClientName), Ecs(sp)));
        services.AddSingleton(sp => new ElbApiClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(ElbApiClient.ClientName), Ecs(sp)));
    }

    public static async Task RunAsync(GatewaySettings settings, CancellationToken cancellationToken)
    {
        await using var app = Build(settings);
        HostStartup.ValidateOptions(app.Services);
        await app.StartAndStopOnFailureAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
