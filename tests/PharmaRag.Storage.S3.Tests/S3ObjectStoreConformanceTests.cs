using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.S3.Tests;

/// <summary>The object-store conformance suite against S3 (s3rver, through the real SDK client).</summary>
public sealed class S3ObjectStoreConformanceTests(S3rverFixture s3) : ObjectStoreConformance, IClassFixture<S3rverFixture>
{
    protected override Task<(IObjectStore Store, IAsyncDisposable Lifetime)> CreateAsync()
    {
        var options = s3.Options();
        var client = S3StorageServiceCollectionExtensions.CreateClient(options);
        IObjectStore store = new S3ObjectStore(client, options, TimeProvider.System);
        return Task.FromResult((store, (IAsyncDisposable)new Cleanup(client)));
    }

    private sealed class Cleanup(IDisposable client) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
