using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Access;
using PharmaRag.Server.Hosting;
using PharmaRag.Server.Uploads;

namespace PharmaRag.Server.Workspaces;

/// <summary>
/// One engine per workspace other than <c>default</c> (which is the server's own services): the
/// same composition root (<see cref="PharmaRagServiceCollectionExtensions.AddPharmaRag"/>) over
/// the workspace's own data directory, schema, prefix and signing key, with its own ingestion
/// worker, started on first use. Isolation comes by construction: a request in workspace A is
/// served by A's store instances, which hold no reference to B's files or tables, so no query,
/// citation, presigned URL or job of A can reach B's data.
/// </summary>
public sealed partial class WorkspaceEngines(
    IConfiguration configuration,
    DataDirectoryInfo data,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    ILogger<WorkspaceEngines> logger) : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IHost>>> _engines = new(StringComparer.Ordinal);
    private volatile bool _stopping;

    /// <summary>
    /// The services of a workspace, started if needed. With <paramref name="create"/> false, a
    /// workspace that has never been used (no data directory) gives null instead of being created.
    /// </summary>
    public async Task<IServiceProvider?> GetAsync(string workspace, bool create, CancellationToken cancellationToken)
    {
        if (!Workspace.IsValid(workspace) || workspace == Workspace.Default)
        {
            throw new ArgumentException(Workspace.Rule, nameof(workspace));
        }
        if (_stopping)
        {
            throw new OperationCanceledException("The server is stopping.");
        }
        var directory = WorkspaceSettings.DataDirectory(data.Path, workspace);
        if (!create && !_engines.ContainsKey(workspace) && !Directory.Exists(directory))
        {
            return null;
        }
        var engine = _engines.GetOrAdd(workspace, w => new Lazy<Task<IHost>>(() => StartAsync(w, directory)));
        try
        {
            return (await engine.Value.WaitAsync(cancellationToken)).Services;
        }
        catch (Exception) when (engine.Value.IsFaulted)
        {
            // A failed start (database unreachable) is retried by the next request.
            _engines.TryRemove(new KeyValuePair<string, Lazy<Task<IHost>>>(workspace, engine));
            throw;
        }
    }

    private async Task<IHost> StartAsync(string workspace, string directory)
    {
        Directory.CreateDirectory(directory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(WorkspaceSettings.Overrides(configuration, workspace));
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.AddSingleton<IHostLifetime, NullHostLifetime>();
        builder.Services.AddSingleton(time);
        builder.Services.AddPharmaRag(builder.Configuration, directory);
        builder.Services.AddSingleton<IUploadListener, IntakeUploadListener>();
        builder.Services.AddHostedService<VectorIndexFlusher>();
        builder.Services.AddHostedService<IngestionWorker>();
        var host = builder.Build();
        try
        {
            PharmaRagHost.ValidateOptions(host.Services);
            await host.StartAsync(CancellationToken.None);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        LogStarted(workspace, directory);
        return host;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await Task.WhenAll(Started().Select(h => h.StopAsync(cancellationToken)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Started())
        {
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
        _engines.Clear();
    }

    private IEnumerable<IHost> Started() =>
        _engines.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully).Select(e => e.Value.Result).ToArray();

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {Workspace} opened in {Directory}")]
    private partial void LogStarted(string workspace, string directory);
}
