namespace PharmaRag.Server.Hosting;

/// <summary>How to start the server: where it listens, where its data lives, extra configuration arguments.</summary>
public sealed record ServerSettings(string Urls, string DataDirectory, string[] ConfigurationArgs)
{
    public const string DefaultUrls = "http://127.0.0.1:8000";

    /// <summary>The server's clock; the system clock unless a test drives time (FakeTimeProvider).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Registrations applied after the server's own, for embedders and tests (a part swapped for one under test).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }
}
