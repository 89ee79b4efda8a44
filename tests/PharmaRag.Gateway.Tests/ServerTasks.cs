namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The fake ECS service's tasks as real `pharmarag serve` processes: one at a time, always on
/// the same loopback port (the "load balancer" address the gateways forward to), stopped with
/// SIGTERM as ECS stops a task.
/// </summary>
public sealed class ServerTasks(string dataDirectory, string[] settings) : IServerTasks
{
    private readonly object _gate = new();
    private ChildProcess? _current;

    public int Port { get; } = ChildProcess.FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public List<int> StartedPids { get; } = [];

    public int StartedCount
    {
        get
        {
            lock (_gate)
            {
                return StartedPids.Count;
            }
        }
    }

    public HttpClient Client => _current?.Client ?? throw new InvalidOperationException("No task was started.");

    public string Diagnostics => string.Join('\n', _current?.Output ?? []);

    public ChildProcess? Current => _current;

    public bool IsAlive => _current is { HasExited: false };

    public void Start()
    {
        lock (_gate)
        {
            if (_current is { HasExited: false })
            {
                return;
            }
            _current = ChildProcess.Start("serve", Port,
                ["--data", dataDirectory, "--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=offline",
                 "--PharmaRag:Inbox:PollSeconds=0.2", .. settings],
                S3Credentials);
            StartedPids.Add(_current.Pid);
        }
    }

    public void Stop()
    {
        ChildProcess? stopping;
        lock (_gate)
        {
            stopping = _current;
        }
        if (stopping is not null)
        {
            _ = stopping.TerminateAsync();
        }
    }

    public async Task<bool> IsHealthyAsync()
    {
        var current = _current;
        if (current is null || current.HasExited)
        {
            return false;
        }
        try
        {
            return (await current.Client.GetAsync("/health")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public static IReadOnlyDictionary<string, string> S3Credentials => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = PharmaRag.Testing.S3rver.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = PharmaRag.Testing.S3rver.SecretAccessKey,
    };

    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
        }
    }
}
