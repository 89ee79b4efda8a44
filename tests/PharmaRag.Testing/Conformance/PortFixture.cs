namespace PharmaRag.Testing.Conformance;

/// <summary>One port of a fresh, empty, initialised backend, and what disposes it.</summary>
/// <param name="OpenReplica">
/// For backends that several processes share: the same port as another replica would open it
/// (new instances on the same database). Null for one-process backends.
/// </param>
public sealed record PortFixture<T>(T Port, IAsyncDisposable Lifetime, Func<T>? OpenReplica = null) : IAsyncDisposable
    where T : class
{
    public ValueTask DisposeAsync() => Lifetime.DisposeAsync();
}
