using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Configuration;
using PharmaRag.Server.Hosting;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>The real server on a loopback port in this process, over a data directory it locks.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DataDirectoryLock _lock;
    private readonly FakeTimeProvider? _fakeClock;

    private InProcessServer(WebApplication app, DataDirectoryLock dataLock, HttpClient client, FakeTimeProvider? fakeClock)
    {
        _app = app;
        _lock = dataLock;
        Client = client;
        _fakeClock = fakeClock;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<InProcessServer> StartAsync(string dataDirectory, params string[] configuration) =>
        StartAsync(dataDirectory, null, configuration);

    /// <summary>The server on a clock the test drives (FakeTimeProvider), or the system clock when null.</summary>
    public static Task<InProcessServer> StartAsync(string dataDirectory, TimeProvider? clock, params string[] configuration) =>
        StartAsync(dataDirectory, clock, null, configuration);

    /// <summary>The server with some of its services replaced after its own registrations.</summary>
    public static async Task<InProcessServer> StartAsync(
        string dataDirectory, TimeProvider? clock, Action<IServiceCollection>? configureServices, params string[] configuration)
    {
        var dataLock = DataDirectoryLock.Acquire(dataDirectory);
        // Offline models unless a test configures models, whatever OPENAI_API_KEY the environment holds.
        string[] offline = configuration.Any(c => c.StartsWith("--PharmaRag:Models:", StringComparison.Ordinal))
            ? []
            : [.. TestModels.OfflineArguments];
        var args = offline.Concat(configuration).Append("--Logging:LogLevel:Default=Warning").ToArray();
        var app = PharmaRagServer.Build(new ServerSettings("http://127.0.0.1:0", dataDirectory, args) { Clock = clock, ConfigureServices = configureServices });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new InProcessServer(app, dataLock, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) }, clock as FakeTimeProvider);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        var disposing = _app.DisposeAsync().AsTask();
        // Disposal waits on the app's clock for work still in flight: the HTTP resilience pipeline
        // drains a model call that a stalled model server never answers, sleeping on the app's
        // TimeProvider between checks. On a clock the test drives, that time has to be made to pass,
        // or disposal waits forever (seen once in CI: NoLostWorkTests' step-timeout test hung here).
        while (_fakeClock is not null && !disposing.IsCompleted)
        {
            _fakeClock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }
        await disposing;
        _lock.Dispose();
    }
}
