using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Configuration;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Cli.Commands;

/// <summary>
/// The services of the data directory for commands that run without the web server, built by
/// the same host as `serve` (<see cref="PharmaRagHost"/>): same configuration, same options
/// validation.
/// </summary>
internal sealed class CliServices : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DataDirectoryLock? _lock;

    private readonly bool _sharedStore;

    private CliServices(IHost host, DataDirectoryLock? dataLock, string dataDirectory, bool sharedStore)
    {
        _sharedStore = sharedStore;
        _host = host;
        _lock = dataLock;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>True when this command holds the data directory (no server is running on it), or the store is shared.</summary>
    public bool OwnsDataDirectory => _lock is not null || _sharedStore;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>
    /// Opens the data directory. Writers must own it; readers share it with a running server.
    /// Settings are validated before the directory is touched.
    /// </summary>
    public static async Task<CliServices> OpenAsync(
        string? dataOption, CliInvocation invocation, bool write, CancellationToken cancellationToken, bool checkEmbeddingModel = true)
    {
        var dataDirectory = Core.Configuration.DataDirectory.Resolve(dataOption);
        var host = Build(invocation, dataDirectory);
        DataDirectoryLock? dataLock = null;
        try
        {
            PharmaRagHost.ValidateOptions(host.Services);
            try
            {
                // Only the embedded store needs the directory to itself; a shared store (PostgreSQL) is always ours.
                dataLock = DataDirectoryGuard.AcquireIfNeeded(host.Services, dataDirectory);
            }
            catch (DataDirectoryInUseException) when (!write)
            {
                // A server owns the directory and has prepared it; reading alongside it is safe.
            }
            var shared = !host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.NeedsDataDirectoryLock;
            var cli = new CliServices(host, dataLock, dataDirectory, shared);
            if (cli.OwnsDataDirectory)
            {
                await cli.Get<PharmaRagStartup>().RunAsync(releaseJobs: true, cancellationToken, checkEmbeddingModel);
            }
            return cli;
        }
        catch
        {
            host.Dispose();
            dataLock?.Dispose();
            throw;
        }
    }

    /// <summary>A host with the shared configuration and logging, for commands that need no data directory.</summary>
    public static IHost BuildWithoutData(CliInvocation invocation, Action<IServiceCollection> addServices)
    {
        var builder = PharmaRagHost.CreateApplicationBuilder(invocation.HostArgs(quietLogs: true));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        addServices(builder.Services);
        var host = builder.Build();
        try
        {
            PharmaRagHost.ValidateOptions(host.Services);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static IHost Build(CliInvocation invocation, string dataDirectory)
    {
        var builder = PharmaRagHost.CreateApplicationBuilder(invocation.HostArgs(quietLogs: true), dataDirectory);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        if (OwnsDataDirectory)
        {
            await Get<Core.Storage.IVectorIndex>().FlushAsync(CancellationToken.None);
        }
        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
        _lock?.Dispose();
    }
}
