namespace PharmaRag.Gateway.Tests;

/// <summary>What the fake ECS service runs as its task, when a test gives it real processes.</summary>
public interface IFakeTaskRunner
{
    bool IsAlive { get; }

    void Start();

    void Stop();

    Task<bool> IsHealthyAsync();
}
