using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Configuration;
using PharmaRag.Gateway.Compute;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Cli.Compute;

/// <summary>
/// Compute that is always up: the server runs inside the gateway's process on a private
/// loopback port, started with the gateway and never stopped for idleness. It lives in the
/// command-line program, which holds the server; the gateway itself (its Lambda package) does not.
/// </summary>
public sealed class AlwaysOnComputeController(DataDirectoryInfo dataDirectory, string[] configurationArgs) : IComputeController
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private WebApplication? _server;
    private DataDirectoryLock? _lock;
    private Uri? _address;
    private int _starts;

    /// <summary>The gateway's always-on compute: the server in this process over the gateway's data directory.</summary>
    public static Func<IServiceProvider, IComputeController> Factory(string[] configurationArgs) =>
        services => new AlwaysOnComputeController(services.GetRequiredService<DataDirectoryInfo>(), configurationArgs);

    public string Mode => "always-on";
    public bool StopsWhenIdle => false;
    public int Starts => Volatile.Read(ref _starts);
    public Uri? RunningAddress => _address;

    public async Task<Uri> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (_address is { } address)
        {
            return address;
        }
        await _start.WaitAsync(cancellationToken);
        try
        {
            if (_address is null)
            {
                _server = PharmaRagServer.Build(new ServerSettings("http://127.0.0.1:0", dataDirectory.Path, configurationArgs));
                _lock = DataDirectoryGuard.AcquireIfNeeded(_server.Services, dataDirectory.Path);
                await _server.StartAsync(cancellationToken);
                _address = new Uri(_server.Services.GetRequiredService<IServer>().Features
                    .GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
                Interlocked.Increment(ref _starts);
            }
            return _address;
        }
        finally
        {
            _start.Release();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RequestStartAsync(CancellationToken cancellationToken) => EnsureRunningAsync(cancellationToken);

    public Uri? ProbeAddress => _address;

    public Task<ComputeStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_address is null
            ? new ComputeStatus(0, 0, [])
            : new ComputeStatus(1, 1, [$"always-on:{Environment.MachineName}/{Environment.ProcessId}"]));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
        _lock?.Dispose();
    }
}
