using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Configuration;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Cli.Commands;

/// <summary>The services of the data directory for commands that run without the web server.</summary>
internal sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly DataDirectoryLock? _lock;

    private readonly bool _sharedStore;

    private CliServices(ServiceProvider provider, DataDirectoryLock? dataLock, string dataDirectory, bool sharedStore)
    {
        _sharedStore = sharedStore;
        _provider = provider;
        _lock = dataLock;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>True when this command holds the data directory (no server is running on it), or the store is shared.</summary>
    public bool OwnsDataDirectory => _lock is not null || _sharedStore;

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>
    /// Opens the data directory. Writers must own it; readers share it with a running server.
    /// </summary>
    public static async Task<CliServices> OpenAsync(
        string? dataOption, bool write, CancellationToken cancellationToken, bool checkEmbeddingModel = true)
    {
        var dataDirectory = Core.Configuration.DataDirectory.Resolve(dataOption);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddPharmaRag(configuration, dataDirectory)
            .BuildServiceProvider();
        DataDirectoryLock? dataLock = null;
        try
        {
            // Only the embedded store needs the directory to itself; a shared store always "owns" it.
            dataLock = DataDirectoryGuard.AcquireIfNeeded(services, dataDirectory);
        }
        catch (InvalidOperationException) when (!write)
        {
            // A server owns the directory and has prepared it; reading alongside it is safe.
        }
        var shared = !services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.NeedsDataDirectoryLock;
        var cli = new CliServices(services, dataLock, dataDirectory, shared);
        if (cli.OwnsDataDirectory)
        {
            await cli.Get<PharmaRagStartup>().RunAsync(releaseJobs: true, cancellationToken, checkEmbeddingModel);
        }
        return cli;
    }

    public async ValueTask DisposeAsync()
    {
        if (OwnsDataDirectory)
        {
            await Get<Core.Storage.IVectorIndex>().FlushAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
        _lock?.Dispose();
    }
}
