using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Cli.Compute;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Tests;

/// <summary>The real gateway on a loopback port in this process.</summary>
public sealed class InProcessGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private InProcessGateway(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static Task<InProcessGateway> StartAsync(string dataDirectory, params string[] configuration) =>
        StartAsync(dataDirectory, null, configuration);

    /// <summary>A gateway on the given clock (a FakeTimeProvider drives idle time in tests).</summary>
    public static Task<InProcessGateway> StartAsync(string dataDirectory, TimeProvider? clock, params string[] configuration) =>
        StartOnAsync("http://127.0.0.1:0", dataDirectory, clock, configuration);

    /// <summary>A gateway listening on <paramref name="urls"/> (a non-loopback address, to be called from elsewhere).</summary>
    public static async Task<InProcessGateway> StartOnAsync(string urls, string dataDirectory, TimeProvider? clock, params string[] configuration)
    {
        var args = configuration.Append("--Logging:LogLevel:Default=Warning").ToArray();
        var settings = new GatewaySettings(urls, dataDirectory, args) { AlwaysOnCompute = AlwaysOnComputeController.Factory(args) };
        var app = PharmaRagGateway.Build(settings, clock);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new InProcessGateway(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(120) });
    }

    public async Task<JsonObject> HealthAsync() => (await Client.GetFromJsonAsync<JsonObject>("/health"))!;

    /// <summary>Process ids of the compute tasks the gateway reports ("local-process:PID").</summary>
    public async Task<int[]> ComputePidsAsync() =>
        (await HealthAsync())["ecs_tasks"]!["task_arns"]!.AsArray().Select(a => int.Parse(((string)a!).Split(':')[1])).ToArray();

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
