using PharmaRag.Core.Storage;
using PharmaRag.Storage.FileSystem;
using PharmaRag.Testing;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.FileSystem.Tests;

/// <summary>The object-store conformance suite against a real folder.</summary>
public sealed class FileSystemObjectStoreConformanceTests : ObjectStoreConformance
{
    protected override Task<(IObjectStore Store, IAsyncDisposable Lifetime)> CreateAsync()
    {
        var directory = new TempDirectory();
        var signer = new UploadUrlSigner(new byte[32], TimeProvider.System);
        IObjectStore store = new FileSystemObjectStore(Path.Combine(directory.Path, "objects"), signer, TimeProvider.System);
        return Task.FromResult((store, (IAsyncDisposable)new Cleanup(directory)));
    }

    private sealed class Cleanup(TempDirectory directory) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            directory.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
