using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>`pharmarag serve` as a real child process, so that tests can kill it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, HttpClient client, string dataDirectory)
    {
        _process = process;
        Client = client;
        DataDirectory = dataDirectory;
    }

    /// <summary>The data directory the server was started on.</summary>
    public string DataDirectory { get; }

    public HttpClient Client { get; }

    /// <summary>The server's process id (job owners are named "{pid}/{worker}").</summary>
    public int ProcessId => _process.Id;

    public static Task<ServerProcess> StartAsync(string dataDirectory, params string[] configuration) =>
        StartAsync(dataDirectory, new Dictionary<string, string>(), configuration);

    /// <summary>The server with extra environment variables (e.g. the standard OTEL_* ones).</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] configuration)
    {
        // A free port can be taken by another test's server between our probe and the child's
        // bind; the child then exits, and /health answers from someone else. Check the answer is
        // our child's (its pid is in the task arn) and try another port if not.
        for (var attempt = 1; ; attempt++)
        {
            var started = await TryStartAsync(dataDirectory, environment, configuration);
            if (started is not null || attempt == 3)
            {
                return started ?? throw new InvalidOperationException("pharmarag serve could not start on a free port in 3 attempts.");
            }
        }
    }

    private static async Task<ServerProcess?> TryStartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, string[] configuration)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "pharmarag.dll"), "serve", "--urls", url, "--data", dataDirectory }
                     .Concat(TestModels.OfflineArguments)
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
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                var health = await client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    var arns = (await health.Content.ReadAsStringAsync());
                    if (arns.Contains($"/{process.Id}\"", StringComparison.Ordinal))
                    {
                        return new ServerProcess(process, client, dataDirectory);
                    }
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        client.Dispose();
        process.Dispose();
        return null;
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

    /// <summary>
    /// Asks the process to stop as a service manager or `docker stop` does (SIGTERM) and waits for
    /// it to exit, at most <paramref name="gracefulStop"/>; returns its exit code, or null when it
    /// was still running then (and is killed).
    /// </summary>
    public async Task<int?> TerminateAsync(TimeSpan gracefulStop)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var waiting = new CancellationTokenSource(gracefulStop);
        try
        {
            await _process.WaitForExitAsync(waiting.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return null;
        }
    }

    /// <summary>The most memory the process has held so far (VmHWM from /proc), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
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
