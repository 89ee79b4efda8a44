using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Access;
using PharmaRag.Server.Access;
using PharmaRag.Storage.FileSystem;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>The gateway's view of the key directory the server publishes, on a real folder store.</summary>
public sealed class PublishedApiKeyLookupTests
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_unreadable_directory_refuses_the_key_but_is_read_again_on_the_next_request_not_after_the_cache_period()
    {
        using var root = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new FileSystemObjectStore(root.Path, new UploadUrlSigner(new byte[32], clock), clock);
        var lookup = new PublishedApiKeyLookup(store, clock, CacheFor, NullLogger<PublishedApiKeyLookup>.Instance);
        var (record, _) = ApiKeySecret.Create("clinical", ApiKeyRole.Reader, "test", clock.GetUtcNow());
        // Half a directory, as an S3-compatible server may serve it while the server rewrites it.
        await store.PutAsync(PublishedApiKeys.ObjectKey, new MemoryStream("{\"version\":1,\"keys\":[{\"id\""u8.ToArray()), CancellationToken.None);

        Assert.Null(await lookup.FindAsync(record.KeyId, CancellationToken.None)); // refused: never let through unchecked

        await PublishAsync(store, clock, new PublishedApiKey(record.KeyId, Convert.ToBase64String(record.SecretSha256), "clinical", "reader", Revoked: false));
        var found = await lookup.FindAsync(record.KeyId, CancellationToken.None); // same instant: not cached as "no keys"
        Assert.Equal(("clinical", ApiKeyRole.Reader), (found?.Workspace, found?.Role));

        // A readable directory is cached: a revocation is seen once the cache period has passed.
        await PublishAsync(store, clock, new PublishedApiKey(record.KeyId, Convert.ToBase64String(record.SecretSha256), "clinical", "reader", Revoked: true));
        Assert.False((await lookup.FindAsync(record.KeyId, CancellationToken.None))!.IsRevoked);
        clock.Advance(CacheFor);
        Assert.True((await lookup.FindAsync(record.KeyId, CancellationToken.None))!.IsRevoked);
    }

    private static async Task PublishAsync(FileSystemObjectStore store, TimeProvider clock, params PublishedApiKey[] keys)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new PublishedApiKeys(PublishedApiKeys.CurrentVersion, clock.GetUtcNow(), keys), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await store.PutAsync(PublishedApiKeys.ObjectKey, new MemoryStream(json), CancellationToken.None);
    }
}
