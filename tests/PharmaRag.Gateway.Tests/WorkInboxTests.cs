using Microsoft.Extensions.Time.Testing;
using PharmaRag.Hosting.Inbox;
using PharmaRag.Storage.FileSystem;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>The inbox gateways write and the server drains, on a real folder store.</summary>
public sealed class WorkInboxTests
{
    [Fact]
    public async Task Unreadable_work_is_left_alone_while_it_may_still_be_written_and_dropped_after_the_grace()
    {
        using var root = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new FileSystemObjectStore(root.Path, new UploadUrlSigner(new byte[32], clock), clock);
        var inbox = new WorkInbox(store, clock);
        var id = await inbox.QueueQueryAsync("/query", "application/json", "{\"query\":\"dose\"}", new Dictionary<string, string>(), CancellationToken.None);
        // A half-written object, as an S3-compatible server may list and serve it during the PUT.
        await store.PutAsync(WorkInbox.QueriesPrefix + "f00d.json", new MemoryStream("{\"id\":\"f0"u8.ToArray()), CancellationToken.None);

        var pending = await inbox.PendingQueriesAsync(CancellationToken.None);

        Assert.Equal([id], pending.Select(p => p.Query.Id));
        Assert.Equal(2, await inbox.CountPendingAsync(CancellationToken.None)); // kept: the writer may not be done

        clock.Advance(WorkInbox.UnreadableGrace + TimeSpan.FromSeconds(1));
        Assert.Equal([id], (await inbox.PendingQueriesAsync(CancellationToken.None)).Select(p => p.Query.Id));
        Assert.Equal(1, await inbox.CountPendingAsync(CancellationToken.None)); // garbage no longer keeps compute up
        Assert.True((await inbox.FindQueryAsync(id, CancellationToken.None)).Known);
    }
}
