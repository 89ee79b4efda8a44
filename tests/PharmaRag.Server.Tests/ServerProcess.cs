using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PharmaRag.Server.Tests;

/// <summary>`pharmarag serve` as a real child process, so that tests can kill it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] configuration)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "pharmarag.dll"), "serve", "--urls", url, "--data", dataDirectory }
                     .Concat(["--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=offline"])
                     .Concat(configuration).Append("--Logging:LogLevel:Default=Warning"))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        // Drain output so that a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"pharmarag serve exited with code {process.ExitCode} during start-up.");
            }
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return new ServerProcess(process, client);
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("pharmarag serve did not become healthy within 60 s.");
    }

    /// <summary>Kills the process at once, as a crash or an out-of-memory kill would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }
}
