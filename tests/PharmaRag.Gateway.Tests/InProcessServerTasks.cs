using Microsoft.AspNetCore.Builder;
using PharmaRag.Core.Configuration;
using PharmaRag.Server.Hosting;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The fake ECS service's tasks as the real server in this process, on a clock the test drives
/// (FakeTimeProvider): the idle time the server reports in /health then moves only when the test
/// advances it. Stopped as ECS stops a task (graceful shutdown), always on the same loopback port.
/// </summary>
public sealed class InProcessServerTasks(string dataDirectory, string[] settings, TimeProvider clock) : IServerTasks
{
    private readonly object _gate = new();
    private Task<Running>? _current;
    private Task _stopped = Task.CompletedTask;
    private bool _stopping;
    private int _started;

    public int Port { get; } = ChildProcess.FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public int StartedCount => Volatile.Read(ref _started);

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>The running task's services (its key store, for example), once it has started.</summary>
    public async Task<IServiceProvider> ServicesAsync()
    {
        Task<Running>? current;
        lock (_gate)
        {
            current = _current;
        }
        return (await (current ?? throw new InvalidOperationException("No task was started."))).App.Services;
    }

    public string Diagnostics => _current is { IsFaulted: true } failed ? failed.Exception.ToString() : "";

    public bool IsAlive
    {
        get
        {
            lock (_gate)
            {
                return _current is not null && !_stopping;
            }
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_current is not null && !_stopping)
            {
                return;
            }
            // A task started while the previous one stops waits for it to release the data directory.
            var previous = _stopped;
            _stopping = false;
            _started++;
            _current = Task.Run(async () =>
            {
                await previous;
                return await StartServerAsync();
            });
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            if (_current is not null && !_stopping)
            {
                _stopping = true;
                _stopped = StopServerAsync(_current);
            }
        }
    }

    public async Task<bool> IsHealthyAsync()
    {
        if (!IsAlive)
        {
            return false;
        }
        try
        {
            return (await Client.GetAsync(new Uri(Address, "/health"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<Running> StartServerAsync()
    {
        var dataLock = DataDirectoryLock.Acquire(dataDirectory);
        var args = TestModels.OfflineArguments.Append("--PharmaRag:Inbox:PollSeconds=0.2")
            .Concat(settings).Append("--Logging:LogLevel:Default=Warning").ToArray();
        var app = PharmaRagServer.Build(new ServerSettings(Address.ToString().TrimEnd('/'), dataDirectory, args) { Clock = clock });
        await app.StartAsync();
        return new Running(app, dataLock);
    }

    private async Task StopServerAsync(Task<Running> stopping)
    {
        var running = await stopping;
        await running.App.StopAsync();
        await running.App.DisposeAsync();
        running.Lock.Dispose();
        lock (_gate)
        {
            if (_current == stopping)
            {
                _current = null;
                _stopping = false;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        Task stopped;
        lock (_gate)
        {
            stopped = _stopped;
        }
        await stopped;
        Client.Dispose();
    }

    private sealed record Running(WebApplication App, DataDirectoryLock Lock);
}
