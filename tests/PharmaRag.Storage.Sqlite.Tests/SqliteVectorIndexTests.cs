using Microsoft.Data.Sqlite;
using PharmaRag.Core.Storage;
using PharmaRag.Testing;

namespace PharmaRag.Storage.Sqlite.Tests;

public sealed class SqliteVectorIndexTests
{
    [Fact]
    public async Task The_graph_is_saved_and_reloaded_and_a_stale_graph_is_rebuilt()
    {
        using var directory = new TempDirectory();
        var database = new SqliteDatabase(Path.Combine(directory.Path, "test.db"));
        await new SqliteStoreInitializer(database).InitializeAsync(CancellationToken.None);
        var random = new Random(5);
        var vectors = Enumerable.Range(0, SqliteVectorIndex.ExactSearchLimit + 500)
            .Select(i => new ChunkVector($"c-{i}", $"d-{i % 7}", Unit(Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())))
            .ToArray();
        var first = new SqliteVectorIndex(database);
        await first.UpsertAsync(vectors, CancellationToken.None);
        await first.RemoveAsync(["c-3"], CancellationToken.None);
        var query = vectors[10].Vector;
        var expected = await first.SearchAsync(query, 10, null, CancellationToken.None);
        await first.FlushAsync(CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(directory.Path, "vectors.hnsw")));

        var reloaded = new SqliteVectorIndex(database);
        Assert.Equal(expected, await reloaded.SearchAsync(query, 10, null, CancellationToken.None));
        Assert.Equal(vectors.Length - 1, await reloaded.CountAsync(CancellationToken.None));
        Assert.Equal("c-10", expected[0].ChunkId);

        // A vector written after the last save makes the saved graph stale: it must not be trusted.
        await reloaded.UpsertAsync([new ChunkVector("late", "d-late", query)], CancellationToken.None);
        var third = new SqliteVectorIndex(database);
        Assert.Contains(await third.SearchAsync(query, 2, null, CancellationToken.None), h => h.ChunkId == "late");
        Assert.Equal(vectors.Length, await third.CountAsync(CancellationToken.None));
        SqliteConnection.ClearAllPools();
    }

    private static float[] Unit(float[] values)
    {
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        return values.Select(v => v / norm).ToArray();
    }
}
