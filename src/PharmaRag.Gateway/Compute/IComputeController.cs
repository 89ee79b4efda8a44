namespace PharmaRag.Gateway.Compute;

/// <summary>
/// Starts, finds and stops the compute that runs the server (the original's ECS task).
/// </summary>
public interface IComputeController : IAsyncDisposable
{
    /// <summary>always-on, local-process or ecs.</summary>
    string Mode { get; }

    /// <summary>False when compute never stops (always-on).</summary>
    bool StopsWhenIdle { get; }

    /// <summary>How many times compute was started since the gateway started.</summary>
    int Starts { get; }

    /// <summary>Starts compute if needed and waits until it is healthy; returns its base address.</summary>
    Task<Uri> EnsureRunningAsync(CancellationToken cancellationToken);

    /// <summary>The address of healthy compute, or null when none is running.</summary>
    Uri? RunningAddress { get; }

    Task StopAsync(CancellationToken cancellationToken);

    Task<ComputeStatus> GetStatusAsync(CancellationToken cancellationToken);
}
