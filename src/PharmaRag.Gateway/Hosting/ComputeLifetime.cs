using Microsoft.Extensions.Hosting;
using PharmaRag.Gateway.Compute;

namespace PharmaRag.Gateway.Hosting;

/// <summary>Starts always-on compute with the gateway, and stops any compute when the gateway stops: no orphans.</summary>
public sealed class ComputeLifetime(IComputeController compute) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!compute.StopsWhenIdle)
        {
            await compute.EnsureRunningAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (compute.StopsWhenIdle && compute.Mode != "ecs")
        {
            await compute.StopAsync(cancellationToken);
        }
    }
}
