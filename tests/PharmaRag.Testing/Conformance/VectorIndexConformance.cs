using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IVectorIndex"/> must do.</summary>
public abstract class VectorIndexConformance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty, initialised index.</summary>
    protected abstract Task<PortFixture<IVectorIndex>> CreateAsync();

    [Fact]
    public async Task Vector_search_finds_nearest_filters_by_document_and_forgets_removed_vectors()
    {
        await using var f = await CreateAsync();
        var vectors = f.Port;

        await vectors.UpsertAsync(
        [
            Vector("a-0", "a", 1, 0, 0), Vector("a-1", "a", 0.9f, 0.1f, 0), Vector("b-0", "b", 0, 1, 0), Vector("b-1", "b", 0, 0, 1),
        ], None);
        await vectors.UpsertAsync([Vector("b-1", "b", 0.8f, 0, 0.2f)], None);

        var hits = await vectors.SearchAsync(Unit(1, 0, 0), 3, null, None);
        Assert.Equal(["a-0", "a-1", "b-1"], hits.Select(h => h.ChunkId));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Equal(4, await vectors.CountAsync(None));
        Assert.Equal(["b-1", "b-0"], (await vectors.SearchAsync(Unit(1, 0, 0), 5, ["b"], None)).Select(h => h.ChunkId));

        await vectors.RemoveAsync(["a-0"], None);
        await vectors.RemoveDocumentAsync("b", None);
        Assert.Equal(["a-1"], (await vectors.SearchAsync(Unit(1, 0, 0), 5, null, None)).Select(h => h.ChunkId));
        await vectors.FlushAsync(None);
    }

    [Fact]
    public async Task Replicas_see_each_others_writes_and_deletes_before_searching()
    {
        await using var f = await CreateAsync();
        if (f.OpenReplica is null)
        {
            // A one-process store has no other replica to agree with.
            return;
        }
        var a = f.Port;
        var b = f.OpenReplica();
        await a.UpsertAsync([Vector("a-0", "a", 1, 0, 0)], None);
        Assert.Equal(["a-0"], (await b.SearchAsync(Unit(1, 0, 0), 5, null, None)).Select(h => h.ChunkId));

        // b has loaded its index; later writes by a still reach it, and b's own writes reach a.
        await a.UpsertAsync([Vector("a-1", "a", 0.9f, 0.1f, 0), Vector("c-0", "c", 0, 0, 1)], None);
        await b.UpsertAsync([Vector("b-0", "b", 0.95f, 0.05f, 0)], None);
        Assert.Equal(["a-0", "b-0", "a-1"], (await b.SearchAsync(Unit(1, 0, 0), 3, null, None)).Select(h => h.ChunkId));
        Assert.Equal(["a-0", "b-0", "a-1"], (await a.SearchAsync(Unit(1, 0, 0), 3, null, None)).Select(h => h.ChunkId));

        await a.RemoveDocumentAsync("a", None);
        await a.UpsertAsync([Vector("a-0", "a", 0, 1, 0)], None);
        await b.RemoveAsync(["c-0"], None);
        Assert.Equal(["b-0", "a-0"], (await b.SearchAsync(Unit(1, 0, 0), 5, null, None)).Select(h => h.ChunkId));
        Assert.Equal(["b-0", "a-0"], (await a.SearchAsync(Unit(1, 0, 0), 5, null, None)).Select(h => h.ChunkId));
        Assert.Equal(2, await b.CountAsync(None));
    }

    private static ChunkVector Vector(string chunk, string document, params float[] values) => new(chunk, document, Unit(values));

    private static float[] Unit(params float[] values)
    {
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        return values.Select(v => v / norm).ToArray();
    }
}
