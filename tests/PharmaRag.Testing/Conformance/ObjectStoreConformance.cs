using System.Security.Cryptography;
using System.Text;
using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IObjectStore"/> must do: the local folder and S3 alike.</summary>
public abstract class ObjectStoreConformance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty store; disposing it removes what the test wrote.</summary>
    protected abstract Task<(IObjectStore Store, IAsyncDisposable Lifetime)> CreateAsync();

    [Fact]
    public async Task Put_reports_size_and_sha256_and_reads_back_the_same_bytes()
    {
        var (store, lifetime) = await CreateAsync();
        await using var _ = lifetime;
        var bytes = Encoding.UTF8.GetBytes("Atorvastatin 10 mg once daily.\n" + new string('x', 200_000));

        var info = await store.PutAsync("uploads/label one.pdf", new MemoryStream(bytes), None);

        Assert.Equal(("uploads/label one.pdf", (long)bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), (info.Key, info.Size, info.Sha256));
        Assert.True(await store.ExistsAsync("uploads/label one.pdf", None));
        await using var read = await store.OpenReadAsync("uploads/label one.pdf", None);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_second_put_to_the_same_key_replaces_the_object()
    {
        var (store, lifetime) = await CreateAsync();
        await using var _ = lifetime;
        await store.PutAsync("uploads/a.txt", new MemoryStream("first"u8.ToArray()), None);

        var second = await store.PutAsync("uploads/a.txt", new MemoryStream("second version"u8.ToArray()), None);

        Assert.Equal(14, second.Size);
        await using var read = await store.OpenReadAsync("uploads/a.txt", None);
        Assert.Equal("second version", await new StreamReader(read).ReadToEndAsync());
        Assert.Single(await store.ListAsync("uploads/", None));
    }

    [Fact]
    public async Task Missing_objects_are_not_found_and_deleting_them_is_harmless()
    {
        var (store, lifetime) = await CreateAsync();
        await using var _ = lifetime;

        Assert.False(await store.ExistsAsync("uploads/none.pdf", None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync("uploads/none.pdf", None));
        await store.DeleteAsync("uploads/none.pdf", None);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_only_it()
    {
        var (store, lifetime) = await CreateAsync();
        await using var _ = lifetime;
        await store.PutAsync("uploads/keep.pdf", new MemoryStream([1, 2, 3]), None);
        await store.PutAsync("uploads/drop.pdf", new MemoryStream([4, 5]), None);

        await store.DeleteAsync("uploads/drop.pdf", None);

        Assert.False(await store.ExistsAsync("uploads/drop.pdf", None));
        Assert.True(await store.ExistsAsync("uploads/keep.pdf", None));
        Assert.Equal(["uploads/keep.pdf"], (await store.ListAsync("", None)).Select(o => o.Key));
    }

    [Fact]
    public async Task List_returns_the_keys_under_a_prefix_in_order_with_sizes()
    {
        var (store, lifetime) = await CreateAsync();
        await using var _ = lifetime;
        Assert.Empty(await store.ListAsync("inbox/", None));
        await store.PutAsync("inbox/events/b.json", new MemoryStream([1, 2]), None);
        await store.PutAsync("inbox/events/a.json", new MemoryStream([1]), None);
        await store.PutAsync("inbox/queries/q.json", new MemoryStream([1, 2, 3]), None);
        await store.PutAsync("uploads/x.pdf", new MemoryStream([9]), None);
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);

        var events = await store.ListAsync("inbox/events/", None);
        var inbox = await store.ListAsync("inbox/", None);
        var partial = await store.ListAsync("inbox/events/a", None);

        Assert.Equal(["inbox/events/a.json", "inbox/events/b.json"], events.Select(o => o.Key));
        Assert.Equal([1L, 2L], events.Select(o => o.Size));
        Assert.All(events, o => Assert.True(o.LastModified > before));
        Assert.Equal(3, inbox.Count);
        Assert.Equal(["inbox/events/a.json"], partial.Select(o => o.Key));
        Assert.Equal(4, (await store.ListAsync("", None)).Count);
    }

    [Theory]
    [InlineData("../escape.pdf")]
    [InlineData("/absolute.pdf")]
    [InlineData("uploads//double.pdf")]
    [InlineData("uploads/./dot.pdf")]
    [InlineData("back\\slash.pdf")]
    public async Task Keys_that_could_name_another_place_are_refused(string key)
    {
        var (store, lifetime) = await CreateAsync();
        await using var _ = lifetime;

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream([1]), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(key, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PresignPutAsync(key, null, 10, TimeSpan.FromMinutes(1), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync("../", None));
        Assert.Empty(await store.ListAsync("", None));
    }

    [Fact]
    public async Task A_presigned_put_names_the_key_its_limits_and_expiry()
    {
        var (store, lifetime) = await CreateAsync();
        await using var _ = lifetime;
        var before = DateTimeOffset.UtcNow;

        var upload = await store.PresignPutAsync("uploads/new label.pdf", "application/pdf", 1234, TimeSpan.FromMinutes(15), None);

        Assert.Equal(("uploads/new label.pdf", "application/pdf", 1234L), (upload.Key, upload.ContentType, upload.MaxBytes));
        Assert.InRange(upload.ExpiresAt, before.AddMinutes(15).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(15).AddSeconds(1));
        Assert.Contains("uploads/new%20label.pdf", upload.Url, StringComparison.Ordinal);
        Assert.False(await store.ExistsAsync("uploads/new label.pdf", None));
    }
}
