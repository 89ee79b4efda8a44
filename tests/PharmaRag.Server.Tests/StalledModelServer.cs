using System.Net;
using System.Net.Sockets;

namespace PharmaRag.Server.Tests;

/// <summary>
/// An OpenAI-compatible endpoint that accepts chat requests and never answers, as a model server
/// stuck on a long generation: whatever step calls it stays in that step until the process is killed.
/// </summary>
public sealed class StalledModelServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _accepting;
    private int _requests;

    private StalledModelServer(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The endpoint including its version path, for PharmaRag:Models:BaseUrl.</summary>
    public string BaseUrl { get; }

    /// <summary>Requests received so far (none is ever answered).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static StalledModelServer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new StalledModelServer(port);
    }

    /// <summary>Settings that send chat calls (LLM graph extraction) here.</summary>
    public string[] ChatArguments() =>
        ["--PharmaRag:Models:Chat=openai", $"--PharmaRag:Models:BaseUrl={BaseUrl}", "--PharmaRag:Models:ApiKey=test-key", "--PharmaRag:Models:MaxRetries=0"];

    private async Task AcceptAsync()
    {
        try
        {
            while (_listener.IsListening)
            {
                // The context is held, unanswered, until the listener closes.
                _ = await _listener.GetContextAsync();
                Interlocked.Increment(ref _requests);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _accepting;
    }
}
