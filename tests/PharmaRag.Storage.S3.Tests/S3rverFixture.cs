using PharmaRag.Testing;

namespace PharmaRag.Storage.S3.Tests;

/// <summary>One s3rver for a test class; each test works under its own key prefix.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public S3rver Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        S3rver.UseCredentialsInThisProcess();
        Server = await S3rver.StartAsync();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public S3ObjectStoreOptions Options(string? prefix = null) => new()
    {
        Bucket = Server.Bucket,
        Prefix = prefix ?? "test-" + Guid.NewGuid().ToString("N")[..8] + "/",
        ServiceUrl = Server.Address.ToString(),
        ForcePathStyle = true,
    };
}
