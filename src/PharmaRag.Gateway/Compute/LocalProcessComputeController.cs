using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Hosting;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Gateway.Compute;

/// <summary>
/// Runs the server as a child process (`pharmarag serve`) on a free loopback port with the
/// gateway's data directory, started on demand and stopped when idle: the ECS behaviour on one
/// machine. Starts and stops are serialised, so concurrent cold requests cause one start.
/// </summary>
public sealed partial class LocalProcessComputeController(
    IHttpClientFactory httpClients,
    IOptions<GatewayOptions> options,
    DataDirectoryInfo dataDirectory,
    ILogger<LocalProcessComputeController> logger) : IComputeController
{
    private readonly SemaphoreSlim _transition = new(1, 1);
    private readonly GatewayOptions _options = options.Value;
    private Process? _process;
    private Uri? _address;
    private int _starts;

    public string Mode => "local-process";
    public bool StopsWhenIdle => true;
    public int Starts => Volatile.Read(ref _starts);

    public Uri? RunningAddress => _process is { HasExited: false } ? _address : null;

    public async Task<Uri> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (RunningAddress is { } running)
        {
            return running;
        }
        await _transition.WaitAsync(cancellationToken);
        try
        {
            if (RunningAddress is { } started)
            {
                return started; // another request started it while this one waited
            }
            Reap();
            return await StartAsync(cancellationToken);
        }
        finally
        {
            _transition.Release();
        }
    }

    private async Task<Uri> StartAsync(CancellationToken cancellationToken)
    {
        // A child that exits while starting usually lost its port to another process; try another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(cancellationToken);
            }
            catch (ServerExitedException) when (attempt < 3)
            {
            }
        }
    }

    private sealed class ServerExitedException(int exitCode)
        : InvalidOperationException($"The server process exited with code {exitCode} while starting.");

    private async Task<Uri> StartOnceAsync(CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(_options.ServerExecutable ?? DefaultExecutable())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (_options.ServerArguments ?? DefaultArguments()).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var argument in new[]
                 {
                     "serve", "--urls", address.ToString().TrimEnd('/'), "--data", dataDirectory.Path,
                     $"--{ComputeSettings.ParentProcessIdKey}={Environment.ProcessId}",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server process could not be started.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) LogServerOutput(process.Id, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) LogServerOutput(process.Id, e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LogStarting(process.Id, address);

        var clock = Stopwatch.StartNew();
        var http = httpClients.CreateClient(nameof(LocalProcessComputeController));
        while (clock.Elapsed < _options.StartTimeout)
        {
            if (process.HasExited)
            {
                throw new ServerExitedException(process.ExitCode);
            }
            if (await HealthProbe.IsHealthyAsync(http, address, cancellationToken, process.Id))
            {
                _process = process;
                _address = address;
                Interlocked.Increment(ref _starts);
                LogStarted(process.Id, clock.ElapsedMilliseconds);
                return address;
            }
            await Task.Delay(50, cancellationToken);
        }
        await StopProcessAsync(process);
        throw new TimeoutException($"The server did not become healthy within {_options.StartTimeout.TotalSeconds} s.");
    }

    public Task RequestStartAsync(CancellationToken cancellationToken)
    {
        // The child belongs to this gateway process: start it in the background and return.
        _ = EnsureRunningAsync(CancellationToken.None).ContinueWith(
            t => LogBackgroundStartFailed(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Uri? ProbeAddress => RunningAddress;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting the server for queued work failed; the next request or idle check retries")]
    private partial void LogBackgroundStartFailed(Exception error);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _transition.WaitAsync(cancellationToken);
        try
        {
            if (_process is { } process)
            {
                _process = null;
                _address = null;
                await StopProcessAsync(process);
            }
        }
        finally
        {
            _transition.Release();
        }
    }

    public Task<ComputeStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        var alive = process is { HasExited: false };
        return Task.FromResult(alive
            ? new ComputeStatus(1, 1, [$"local-process:{process!.Id}"])
            : new ComputeStatus(0, 0, []));
    }

    // A child that died (crash, kill) is forgotten so that the next request starts a new one.
    private void Reap()
    {
        if (_process is { HasExited: true } dead)
        {
            LogDied(dead.Id, dead.ExitCode);
            _process = null;
            _address = null;
            dead.Dispose();
        }
    }

    // SIGTERM lets the server finish its shutdown (the ingestion worker stops between batches,
    // the data directory lock is released); a server that does not exit in time is killed.
    private async Task StopProcessAsync(Process process)
    {
        if (!process.HasExited)
        {
            LogStopping(process.Id);
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                _ = SendSignal(process.Id, SigTerm);
            }
            else
            {
                process.Kill(entireProcessTree: true);
            }
            using var grace = new CancellationTokenSource(_options.GracefulStop);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private static string DefaultExecutable() => Environment.ProcessPath ?? "pharmarag";

    // Run as `dotnet pharmarag.dll`, the child needs the same assembly path first.
    private static string DefaultArguments() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Path.Combine(AppContext.BaseDirectory, "pharmarag.dll")
            : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting server process {ProcessId} at {Address}")]
    private partial void LogStarting(int processId, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server process {ProcessId} healthy after {ElapsedMs} ms")]
    private partial void LogStarted(int processId, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping server process {ProcessId}")]
    private partial void LogStopping(int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server process {ProcessId} died with exit code {ExitCode}; the next request starts a new one")]
    private partial void LogDied(int processId, int exitCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "server[{ProcessId}] {Line}")]
    private partial void LogServerOutput(int processId, string line);
}
