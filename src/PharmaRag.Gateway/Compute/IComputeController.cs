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

    /// <summary>
    /// Asks compute to start and returns without waiting for it to be healthy. Idempotent, so
    /// concurrent cold requests on different gateway instances do not fight (ECS: desired count 1).
    /// </summary>
    Task RequestStartAsync(CancellationToken cancellationToken);

    /// <summary>Where compute's /health answers when it runs (the ALB for ECS), known without starting it.</summary>
    Uri? ProbeAddress { get; }

    /// <summary>Drops a cached address that stopped answering: another instance may have stopped compute.</summary>
    void Forget()
    {
    }

    Task<ComputeStatus> GetStatusAsync(CancellationToken cancellationToken);
}
