using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Gateway.Ecs;
using PharmaRag.Gateway.Hosting;

namespace PharmaRag.Gateway.Compute;

/// <summary>
/// Compute as an ECS service scaled between 0 and 1 tasks. Started by setting the desired
/// count; ready when the load balancer reports a healthy target (polled, not slept on).
/// </summary>
public sealed partial class EcsComputeController(
    EcsApiClient ecs,
    ElbApiClient elb,
    IOptions<GatewayOptions> options,
    ILogger<EcsComputeController> logger) : IComputeController
{
    private readonly SemaphoreSlim _transition = new(1, 1);
    private readonly GatewayOptions _options = options.Value;
    private Uri? _address;
    private int _starts;

    public string Mode => "ecs";
    public bool StopsWhenIdle => true;
    public int Starts => Volatile.Read(ref _starts);
    public Uri? RunningAddress => _address;

    private Uri ServerUrl => new(_options.Ecs.ServerUrl ?? throw new InvalidOperationException("PharmaRag:Gateway:Ecs:ServerUrl is not set."));

    public async Task<Uri> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (_address is { } known)
        {
            return known;
        }
        await _transition.WaitAsync(cancellationToken);
        try
        {
            if (_address is { } started)
            {
                return started;
            }
            await RequestStartAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < _options.StartTimeout)
            {
                if (await elb.CountHealthyTargetsAsync(cancellationToken) > 0)
                {
                    LogHealthy(_options.Ecs.Service, clock.ElapsedMilliseconds);
                    return _address = ServerUrl;
                }
                await Task.Delay(TimeSpan.FromSeconds(_options.Ecs.PollSeconds), cancellationToken);
            }
            throw new TimeoutException($"No healthy target in {_options.Ecs.TargetGroupArn} within {_options.StartTimeout.TotalSeconds} s.");
        }
        finally
        {
            _transition.Release();
        }
    }

    public async Task RequestStartAsync(CancellationToken cancellationToken)
    {
        var (desired, _, _) = await ecs.DescribeServiceAsync(cancellationToken);
        if (desired == 0)
        {
            // Idempotent: instances that race here all set 1, and ECS runs one task.
            await ecs.UpdateDesiredCountAsync(1, cancellationToken);
            Interlocked.Increment(ref _starts);
            LogScaling(_options.Ecs.Service, 1);
        }
    }

    public Uri? ProbeAddress => _options.Ecs.ServerUrl is { } url ? new Uri(url) : null;

    public void Forget() => _address = null;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _transition.WaitAsync(cancellationToken);
        try
        {
            _address = null;
            await ecs.UpdateDesiredCountAsync(0, cancellationToken);
            LogScaling(_options.Ecs.Service, 0);
        }
        finally
        {
            _transition.Release();
        }
    }

    public async Task<ComputeStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var tasks = await ecs.DescribeServiceTasksAsync(cancellationToken);
        return new ComputeStatus(tasks.Count, tasks.Count(t => t.LastStatus == "RUNNING"), tasks.Select(t => t.Arn).ToArray());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the service keeps its own state in AWS

    [LoggerMessage(Level = LogLevel.Information, Message = "Setting desired count of ECS service {Service} to {DesiredCount}")]
    private partial void LogScaling(string? service, int desiredCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "ECS service {Service} has a healthy target after {ElapsedMs} ms")]
    private partial void LogHealthy(string? service, long elapsedMs);
}
