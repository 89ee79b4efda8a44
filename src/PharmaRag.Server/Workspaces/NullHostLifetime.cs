using Microsoft.Extensions.Hosting;

namespace PharmaRag.Server.Workspaces;

/// <summary>A workspace engine's lifetime is its server's: no console or signal handling of its own.</summary>
internal sealed class NullHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
