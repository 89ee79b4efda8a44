using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Configuration;
using PharmaRag.Server.Hosting;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>The real server on a loopback port in this process, over a data directory it locks.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DataDirectoryLock _lock;

    private InProcessServer(WebApplication app, DataDirectoryLock dataLock, HttpClient client)
    {
        _app = app;
        _lock = dataLock;
        Client = client;
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
        return new InProcessServer(app, dataLock, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _lock.Dispose();
    }
}
