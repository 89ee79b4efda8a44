using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PharmaRag.Server.Tests;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver (POST /v1/traces, /v1/metrics, /v1/logs with
/// protobuf bodies, answered 200 with an empty export response), keeping every body it got.
/// Protobuf stores strings as plain UTF-8, so span and metric names can be found in the bytes.
/// </summary>
public sealed class FakeOtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _accepting;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();

    private FakeOtlpReceiver(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add($"{BaseUrl}/");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl { get; }

    public static FakeOtlpReceiver Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new FakeOtlpReceiver(port);
    }

    /// <summary>Whether any export to <paramref name="path"/> so far holds <paramref name="text"/>.</summary>
    public bool Received(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return _exports.Any(e => e.Path == path && e.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    public IReadOnlyList<string> Paths => _exports.Select(e => e.Path).Distinct().ToArray();

    private async Task AcceptAsync()
    {
        try
        {
            while (_listener.IsListening)
            {
                var context = await _listener.GetContextAsync();
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var protobuf = context.Request.ContentType?.StartsWith("application/x-protobuf", StringComparison.Ordinal) == true;
                if (context.Request.HttpMethod == "POST" && protobuf)
                {
                    _exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/x-protobuf";
                }
                else
                {
                    context.Response.StatusCode = 415;
                }
                context.Response.Close();
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _accepting;
    }
}
