using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PharmaRag.Core.Configuration;
using PharmaRag.Hosting.Inbox;
using PharmaRag.Server.Access;
using PharmaRag.Server.Endpoints;
using PharmaRag.Server.Uploads;

namespace PharmaRag.Server.Hosting;

/// <summary>Builds and runs the server: the table of contents of the HTTP application.</summary>
public static class PharmaRagServer
{
    public static WebApplication Build(ServerSettings settings)
    {
        var builder = ApiConventions.CreateBuilder(settings.Urls, settings.ConfigurationArgs);
        builder.Services.AddPharmaRagTelemetry(builder.Configuration, "pharmarag");
        if (settings.Clock is { } clock)
        {
            builder.Services.AddSingleton(clock);
        }
        builder.Services.AddPharmaRag(builder.Configuration, settings.DataDirectory);
        builder.Services.AddPharmaRagAccess(builder.Configuration, settings.Urls);
        builder.Services.AddSingleton<IUploadListener, IntakeUploadListener>();
        // Work queued by gateway instances while compute was stopped, and the activity they read.
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RequestActivity>();
        builder.Services.AddSingleton<WorkInbox>();
        builder.Services.AddHttpClient(nameof(InboxWorker));
        builder.Services.AddHostedService<InboxWorker>();
        // Hosted services stop in reverse order: the flusher stops after the worker, saving its last vectors.
        builder.Services.AddHostedService<VectorIndexFlusher>();
        builder.Services.AddHostedService<IngestionWorker>();
        builder.Services.AddHostedService<ParentProcessWatcher>();
        settings.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseApiConventions();
        app.UseRequestActivity();
        app.UseRequestSizeLimits();
        app.UseWebPage();
        app.UsePharmaRagAccess();
        var api = app.MapPharmaRagApi();
        api.MapHealthEndpoints();
        api.MapUploadEndpoints();
        api.MapDocumentsEndpoints();
        api.MapDocumentFileEndpoints();
        api.MapQueryEndpoints();
        api.MapGraphEndpoints();
        api.MapEntitySourcesEndpoints();
        api.MapMultimodalQueryEndpoints();
        api.MapStreamingQueryEndpoints();
        api.MapKeysEndpoints();
        return app;
    }

    /// <summary>Runs until stopped, holding the data directory lock throughout when the store needs it (SQLite).</summary>
    public static async Task RunAsync(ServerSettings settings, CancellationToken cancellationToken, Action? started = null)
    {
        var app = Build(settings);
        DataDirectoryLock? dataLock;
        try
        {
            // Settings are checked before the directory is taken; the lock outlives the app.
            PharmaRagHost.ValidateOptions(app.Services);
            dataLock = DataDirectoryGuard.AcquireIfNeeded(app.Services, settings.DataDirectory);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        using (dataLock)
        {
            await using (app)
            {
                await app.StartAndStopOnFailureAsync(cancellationToken);
                started?.Invoke();
                await app.WaitForShutdownAsync(cancellationToken);
            }
        }
    }
}
