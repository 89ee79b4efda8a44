using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly ServiceProvider _provider;
    private readonly DataDirectoryLock _lock;

    private BenchWorkspace(ServiceProvider provider, DataDirectoryLock dataLock, string dataDirectory)
    {
        _provider = provider;
        _lock = dataLock;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<BenchWorkspace> CreateAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "pharmarag-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var dataLock = DataDirectoryLock.Acquire(dataDirectory);
        var configuration = Configuration();
        // On a shared database each workspace is a schema of its own, dropped with the workspace.
        if (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() is { IsPostgres: true } storage)
        {
            configuration = new ConfigurationBuilder().AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{StorageOptions.Section}:Schema"] = $"{storage.Schema ?? "bench"}_{Path.GetFileName(dataDirectory)["pharmarag-bench-".Length..]}",
                })
                .Build();
        }
        var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddPharmaRag(configuration, dataDirectory)
            .BuildServiceProvider();
        var workspace = new BenchWorkspace(provider, dataLock, dataDirectory);
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

    // The product's settings (appsettings.json beside the executable, PharmaRag__* variables), so
    // a run measures what the product would do; only the retrieval depth cap is raised, because
    // document-level metrics such as recall@100 need more chunks than a user query.
    private static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(new Dictionary<string, string?> { [$"{RetrievalOptions.Section}:MaxTopK"] = "1000" })
        .Build();

    public async ValueTask DisposeAsync()
    {
        if (_provider.GetService<Storage.Postgres.PostgresDatabase>() is { } postgres)
        {
            await postgres.DropSchemaAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
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
