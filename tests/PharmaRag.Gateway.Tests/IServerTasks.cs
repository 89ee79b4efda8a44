namespace PharmaRag.Gateway.Tests;

/// <summary>The fake ECS service's tasks: real servers, one at a time, behind one fixed address.</summary>
public interface IServerTasks : IFakeTaskRunner, IAsyncDisposable
{
    /// <summary>The "load balancer" address the gateways forward to.</summary>
    Uri Address { get; }

    /// <summary>How many tasks were started.</summary>
    int StartedCount { get; }

    /// <summary>A client to the running task.</summary>
    HttpClient Client { get; }

    /// <summary>What the tasks wrote, for failure messages.</summary>
    string Diagnostics { get; }
}
