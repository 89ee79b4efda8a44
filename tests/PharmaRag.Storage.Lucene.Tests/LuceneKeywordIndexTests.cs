using PharmaRag.Core.Storage;
using PharmaRag.Testing;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Lucene.Tests;

/// <summary>The KeywordIndex conformance suite against a real Lucene.Net index on disk.</summary>
public sealed class LuceneKeywordIndexTests : KeywordIndexConformance
{
    protected override Task<PortFixture<IKeywordIndex>> CreateAsync()
    {
        var directory = new TempDirectory();
        var index = new LuceneKeywordIndex(Path.Combine(directory.Path, LuceneKeywordIndex.FolderName));
        return Task.FromResult(new PortFixture<IKeywordIndex>(index, new Cleanup(index, directory)));
    }

    [Fact]
    public async Task Indexed_chunks_are_committed_and_found_by_a_new_process_opening_the_folder()
    {
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, LuceneKeywordIndex.FolderName);
        var d = SampleData.Document("durable");
        var chunk = SampleData.Chunk(d.Id, 0, "Remdesivir is given by intravenous infusion once daily.");
        using (var index = new LuceneKeywordIndex(folder))
        {
            await index.IndexAsync([chunk], CancellationToken.None);
        }
        using var reopened = new LuceneKeywordIndex(folder);

        Assert.Equal([chunk.Id], (await reopened.SearchAsync("intravenous remdesivir", 5, null, CancellationToken.None)).Select(h => h.ChunkId));
        Assert.Equal(1, reopened.Count);
    }

    [Fact]
    public async Task A_second_opener_reads_the_owners_commits_and_refuses_to_write()
    {
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, LuceneKeywordIndex.FolderName);
        var d = SampleData.Document("reader");
        using var owner = new LuceneKeywordIndex(folder);
        using var reader = new LuceneKeywordIndex(folder);
        Assert.False(owner.IsReadOnly);
        Assert.True(reader.IsReadOnly);
        Assert.Empty(await reader.SearchAsync("warfarin", 5, null, CancellationToken.None));

        var chunk = SampleData.Chunk(d.Id, 0, "Warfarin needs INR monitoring.");
        await owner.IndexAsync([chunk], CancellationToken.None);

        Assert.Equal([chunk.Id], (await reader.SearchAsync("warfarin", 5, null, CancellationToken.None)).Select(h => h.ChunkId));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.IndexAsync([chunk], CancellationToken.None));
        Assert.Contains("read-only", refused.Message);
    }

    [Fact]
    public async Task Analysis_folds_case_and_diacritics_stems_and_splits_on_punctuation_like_fts5()
    {
        await using var f = await CreateAsync();
        var d = SampleData.Document("analysis");
        var chunk = SampleData.Chunk(d.Id, 0, "Sjögren's syndrome: patients were TREATED (dose-adjusted) with naïve regimens.");
        var other = SampleData.Chunk(d.Id, 1, "Tablets are stored dry.");
        await f.Port.IndexAsync([chunk, other], CancellationToken.None);

        foreach (var query in new[] { "sjogren", "treating", "treats", "naive", "adjusted dose", "Syndromes" })
        {
            Assert.Equal([chunk.Id], (await f.Port.SearchAsync(query, 5, null, CancellationToken.None)).Select(h => h.ChunkId));
        }
    }

    private sealed class Cleanup(LuceneKeywordIndex index, TempDirectory directory) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            index.Dispose();
            directory.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
