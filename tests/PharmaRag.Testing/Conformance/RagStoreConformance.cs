using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IRagStore"/>, <see cref="IJobQueue"/> and <see cref="IKeywordIndex"/> must do.</summary>
public abstract class RagStoreConformance
{
    /// <summary>A fresh, empty, initialised backend.</summary>
    protected abstract Task<StoreFixture> CreateAsync();

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Documents_upsert_by_id_and_round_trip()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        var document = SampleData.Document("a");

        await f.Store.UpsertDocumentAsync(document, None);
        await f.Store.UpsertDocumentAsync(document with { Pages = 7 }, None);

        var stored = await f.Store.GetDocumentAsync(document.Id, None);
        Assert.Equal(document with { Pages = 7 }, stored);
        Assert.Single(await f.Store.ListDocumentsAsync(None));
        Assert.Single(await f.Store.FindDocumentsByKeyAsync(document.Key, None));
        Assert.Null(await f.Store.GetDocumentAsync(SampleData.Document("missing").Id, None));
    }

    [Fact]
    public async Task Status_updates_keep_unset_fields_and_report_missing_documents()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        var document = SampleData.Document("b");
        await f.Store.UpsertDocumentAsync(document, None);

        await f.Store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Processing) { Step = "parsing", Progress = 0.3 }, None);
        await f.Store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Failed) { Error = "boom" }, None);
        var failed = (await f.Store.GetDocumentAsync(document.Id, None))!;
        Assert.Equal((DocumentStatus.Failed, "parsing", 0.3, "boom"), (failed.Status, failed.Step, failed.Progress, failed.Error));

        await f.Store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Processed) { Pages = 3, Chunks = 2 }, None);
        var done = (await f.Store.GetDocumentAsync(document.Id, None))!;
        Assert.Equal((DocumentStatus.Processed, null, null, 3, 2), (done.Status, done.Step, done.Error, done.Pages, done.Chunks));

        Assert.False(await f.Store.UpdateStatusAsync(SampleData.Document("gone").Id, new DocumentStatusUpdate(DocumentStatus.Processing), None));
    }

    [Fact]
    public async Task Chunks_upsert_by_id_keep_page_spans_and_delete_exactly()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        var a = SampleData.Document("c");
        var b = SampleData.Document("dd");
        await f.Store.UpsertDocumentAsync(a, None);
        await f.Store.UpsertDocumentAsync(b, None);
        var chunks = Enumerable.Range(0, 5).Select(i => SampleData.Chunk(a.Id, i, $"text {i}", i + 1, i + 2)).ToArray();
        await f.Store.UpsertChunksAsync(chunks, None);
        await f.Store.UpsertChunksAsync(chunks, None);
        await f.Store.UpsertChunksAsync([SampleData.Chunk(b.Id, 0, "other")], None);

        Assert.Equal(5, await f.Store.CountChunksAsync(a.Id, None));
        var read = await f.Store.GetChunksAsync([chunks[2].Id], None);
        Assert.Equal(chunks[2].PageSpans, read.Single().PageSpans);
        Assert.Equal(chunks[2].Section, read.Single().Section);
        Assert.Equal([3, 4], read.Single().Pages);

        var removed = await f.Store.DeleteChunksFromAsync(a.Id, 3, None);
        Assert.Equal([chunks[3].Id, chunks[4].Id], removed.Order());
        Assert.Equal(3, await f.Store.CountChunksAsync(a.Id, None));

        Assert.True(await f.Store.DeleteDocumentAsync(a.Id, None));
        Assert.False(await f.Store.DeleteDocumentAsync(a.Id, None));
        Assert.Equal(0, await f.Store.CountChunksAsync(a.Id, None));
        Assert.Equal(1, await f.Store.CountChunksAsync(b.Id, None));
    }

    [Fact]
    public async Task Jobs_are_claimed_once_renewed_retried_and_released()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        var document = SampleData.Document("e");
        await f.Store.UpsertDocumentAsync(document, None);

        await f.Jobs.EnqueueAsync(document.Id, None);
        await f.Jobs.EnqueueAsync(document.Id, None);
        Assert.Equal(1, await f.Jobs.CountPendingAsync(None));

        var job = await f.Jobs.TryClaimAsync("worker-1", TimeSpan.FromMinutes(1), None);
        Assert.NotNull(job);
        Assert.Equal(1, job.Attempts);
        Assert.Null(await f.Jobs.TryClaimAsync("worker-2", TimeSpan.FromMinutes(1), None));

        // A job queued while one runs for the same document waits for it.
        await f.Jobs.EnqueueAsync(document.Id, None);
        Assert.Null(await f.Jobs.TryClaimAsync("worker-2", TimeSpan.FromMinutes(1), None));

        await f.Jobs.FailAsync(job.Id, "transient", DateTimeOffset.UtcNow.AddMinutes(-1), None);
        var retried = await f.Jobs.TryClaimAsync("worker-2", TimeSpan.FromMinutes(1), None);
        Assert.NotNull(retried);

        Assert.Equal(1, await f.Jobs.ReleaseAllLeasesAsync(None));
        var again = await f.Jobs.TryClaimAsync("worker-3", TimeSpan.FromMinutes(1), None);
        Assert.NotNull(again);
        await f.Jobs.CompleteAsync(again.Id, None);
        var last = await f.Jobs.TryClaimAsync("worker-3", TimeSpan.FromMinutes(1), None);
        Assert.NotNull(last);
        await f.Jobs.FailAsync(last.Id, "fatal", retryAt: null, None);
        Assert.Equal(0, await f.Jobs.CountPendingAsync(None));
        Assert.Null(await f.Jobs.TryClaimAsync("worker-3", TimeSpan.FromMinutes(1), None));
    }

    [Fact]
    public async Task An_expired_lease_lets_another_worker_take_the_job()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        var document = SampleData.Document("f");
        await f.Store.UpsertDocumentAsync(document, None);
        await f.Jobs.EnqueueAsync(document.Id, None);

        var first = await f.Jobs.TryClaimAsync("dead-worker", TimeSpan.FromMilliseconds(1), None);
        await Task.Delay(20);
        var second = await f.Jobs.TryClaimAsync("live-worker", TimeSpan.FromMinutes(1), None);

        Assert.NotNull(second);
        Assert.Equal(first!.Id, second.Id);
        Assert.Equal(2, second.Attempts);
    }

    [Fact]
    public async Task Keyword_search_ranks_filters_and_forgets_removed_chunks()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        var a = SampleData.Document("g");
        var b = SampleData.Document("hh");
        var chunksA = new[]
        {
            SampleData.Chunk(a.Id, 0, "Warfarin interacts with CYP2C9 inhibitors; monitor INR closely."),
            SampleData.Chunk(a.Id, 1, "Store tablets at room temperature."),
        };
        var chunksB = new[] { SampleData.Chunk(b.Id, 0, "Warfarin tablets are round.") };
        await f.Keywords.IndexAsync(chunksA, None);
        await f.Keywords.IndexAsync(chunksA, None);
        await f.Keywords.IndexAsync(chunksB, None);

        var hits = await f.Keywords.SearchAsync("warfarin INR monitoring", 10, null, None);
        Assert.Equal(chunksA[0].Id, hits[0].ChunkId);
        Assert.Equal(2, hits.Count);
        Assert.True(hits[0].Score >= hits[1].Score);
        Assert.Equal([chunksB[0].Id], (await f.Keywords.SearchAsync("warfarin", 10, [b.Id], None)).Select(h => h.ChunkId));
        Assert.Empty(await f.Keywords.SearchAsync("\"unbalanced (quote* AND OR", 10, null, None));

        await f.Keywords.RemoveAsync([chunksA[0].Id], None);
        Assert.Equal([chunksB[0].Id], (await f.Keywords.SearchAsync("warfarin", 10, null, None)).Select(h => h.ChunkId));
        await f.Keywords.RemoveDocumentAsync(b.Id, None);
        Assert.Empty(await f.Keywords.SearchAsync("warfarin", 10, null, None));
        Assert.Single(await f.Keywords.SearchAsync("temperature", 10, null, None));
    }
}
