using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Configuration;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Bench.Ingestion;

/// <summary>
/// A fresh, temporary data directory with the real services of the product (the composition
/// root the server and the command line use), held with the data-directory lock and deleted on
/// dispose. Every set is measured in its own workspace, so no run sees another's documents.
/// </summary>
public sealed class BenchWorkspace : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DataDirectoryLock _lock;

    private BenchWorkspace(IHost host, DataDirectoryLock dataLock, string dataDirectory)
    {
        _host = host;
        _lock = dataLock;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static Task<BenchWorkspace> CreateAsync(ILoggerFactory loggers, CancellationToken cancellationToken) =>
        CreateAsync(loggers, _ => { }, cancellationToken);

    /// <summary>A workspace whose services <paramref name="configure"/> may replace (its registrations come last, so they win).</summary>
    public static Task<BenchWorkspace> CreateAsync(ILoggerFactory loggers, Action<IServiceCollection> configure, CancellationToken cancellationToken) =>
        CreateAsync(loggers, configure, [], cancellationToken);

    /// <summary>
    /// A workspace whose services <paramref name="configure"/> may replace and whose settings
    /// <paramref name="settings"/> ("Section:Key=value", as on the product's command line) override.
    /// </summary>
    public static async Task<BenchWorkspace> CreateAsync(
        ILoggerFactory loggers, Action<IServiceCollection> configure, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "pharmarag-bench-" + Guid.NewGuid().ToString("N")[..12]);
        // The product's host (appsettings.json beside the executable, PharmaRag__* variables,
        // options validated), so a run measures what the product would do; only the retrieval
        // depth cap is raised, because document-level metrics such as recall@100 need more chunks
        // than a user query.
        var builder = PharmaRagHost.CreateApplicationBuilder(
            [$"--{RetrievalOptions.Section}:MaxTopK=1000", .. settings.Select(setting => "--" + setting)], dataDirectory);
        builder.Services.AddSingleton(loggers);
        configure(builder.Services);
        // On a shared database each workspace is a schema of its own, dropped with the workspace.
        if (builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() is { IsPostgres: true } storage)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{StorageOptions.Section}:Schema"] = $"{storage.Schema ?? "bench"}_{Path.GetFileName(dataDirectory)["pharmarag-bench-".Length..]}",
            });
        }
        var host = builder.Build();
        PharmaRagHost.ValidateOptions(host.Services);
        var dataLock = DataDirectoryLock.Acquire(dataDirectory);
        var workspace = new BenchWorkspace(host, dataLock, dataDirectory);
        try
        {
            await workspace.Get<PharmaRagStartup>().RunAsync(releaseJobs: true, cancellationToken);
            return workspace;
        }
        catch
        {
            await workspace.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host.Services.GetService<Storage.Postgres.PostgresDatabase>() is { } postgres)
        {
            await postgres.DropSchemaAsync(CancellationToken.None);
        }
        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
        _lock.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner; a benchmark result does not depend on it.
        }
    }
}
