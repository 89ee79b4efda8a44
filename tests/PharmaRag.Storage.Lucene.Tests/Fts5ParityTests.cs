using PharmaRag.Storage.Sqlite;
using PharmaRag.Testing;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Lucene.Tests;

/// <summary>
/// The Lucene index replaced FTS5 as the default without moving rankings: for word queries its
/// scores equal FTS5's bm25() on the same chunks (same analysis, idf and exact lengths), and a
/// compound searched as a phrase weighs by the phrase's own idf, as in FTS5.
/// </summary>
public sealed class Fts5ParityTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Word_and_compound_query_scores_equal_fts5_bm25_on_the_same_chunks()
    {
        var none = CancellationToken.None;
        var database = new SqliteDatabase(Path.Combine(_data.Path, "parity.db"));
        await new SqliteStoreInitializer(database).InitializeAsync(none);
        var fts = new SqliteKeywordIndex(database);
        using var lucene = new LuceneKeywordIndex(Path.Combine(_data.Path, LuceneKeywordIndex.FolderName));
        var d = SampleData.Document("parity");
        string[] words = ["warfarin", "bleeding", "tablets", "renal", "dose", "infusion", "hepatic", "patients", "monitoring", "café", "IL-6", "IL", "6"];
        var random = new Random(11);
        // Lengths from 3 to 80 words, so that length normalisation matters.
        var chunks = Enumerable.Range(0, 60)
            .Select(i => SampleData.Chunk(d.Id, i, string.Join(' ', Enumerable.Range(0, 3 + random.Next(78)).Select(_ => words[random.Next(words.Length)] + (random.Next(4) == 0 ? "s" : "")))))
            .ToArray();
        await fts.IndexAsync(chunks, none);
        await lucene.IndexAsync(chunks, none);

        foreach (var query in new[] { "warfarin", "renal dosing", "hepatic infusions for patients", "cafe monitoring", "bleeding tablets warfarin dose", "IL-6 renal" })
        {
            var expected = await fts.SearchAsync(query, 60, null, none);
            var actual = (await lucene.SearchAsync(query, 60, null, none)).ToDictionary(h => h.ChunkId, h => h.Score);
            Assert.Equal(expected.Count, actual.Count);
            Assert.All(expected, h => Assert.Equal(h.Score, actual[h.ChunkId], h.Score * 1e-5));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
