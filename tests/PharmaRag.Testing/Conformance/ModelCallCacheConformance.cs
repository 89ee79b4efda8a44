using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IModelCallCache"/> must do.</summary>
public abstract class ModelCallCacheConformance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty, initialised cache.</summary>
    protected abstract Task<PortFixture<IModelCallCache>> CreateAsync();

    [Fact]
    public async Task Results_are_stored_replaced_and_removed_by_key()
    {
        await using var f = await CreateAsync();
        var cache = f.Port;
        Assert.Null(await cache.GetAsync("chat:abc", None));

        await cache.SetAsync("chat:abc", [1, 2, 3], None);
        await cache.SetAsync("embed:abc", [], None);
        Assert.Equal([1, 2, 3], await cache.GetAsync("chat:abc", None));
        Assert.Equal(new byte[0], await cache.GetAsync("embed:abc", None));

        await cache.SetAsync("chat:abc", [9], None);
        Assert.Equal([9], await cache.GetAsync("chat:abc", None));

        await cache.RemoveAsync("chat:abc", None);
        await cache.RemoveAsync("never-set", None);
        Assert.Null(await cache.GetAsync("chat:abc", None));
        Assert.Equal(new byte[0], await cache.GetAsync("embed:abc", None));
    }

    [Fact]
    public async Task Large_values_round_trip_intact()
    {
        await using var f = await CreateAsync();
        var value = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(value);

        await f.Port.SetAsync("big", value, None);

        Assert.Equal(value, await f.Port.GetAsync("big", None));
    }
}
