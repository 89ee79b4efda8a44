using PharmaRag.Core.Documents;
using PharmaRag.Core.Graph;
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
        Assert.Empty(await f.Store.GetDocumentsAsync([], None));
        Assert.Null(await f.Store.GetDocumentAsync(SampleData.Document("missing").Id, None));
        var other = SampleData.Document("other");
        await f.Store.UpsertDocumentAsync(other, None);
        var both = await f.Store.GetDocumentsAsync([document.Id, other.Id, SampleData.Document("missing").Id], None);
        Assert.Equal([document.Id, other.Id], both.Select(d => d.Id).Order());
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
        await f.Store.UpsertChunksAsync([chunks[1] with { Kind = Core.Content.BlockKind.Table }], None);
        Assert.Equal(Core.Content.BlockKind.Table, (await f.Store.GetChunksAsync([chunks[1].Id], None)).Single().Kind);
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

    [Fact]
    public async Task Vector_search_finds_nearest_filters_by_document_and_forgets_removed_vectors()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        ChunkVector Vector(string chunk, string document, params float[] values) => new(chunk, document, Unit(values));

        await f.Vectors.UpsertAsync(
        [
            Vector("a-0", "a", 1, 0, 0), Vector("a-1", "a", 0.9f, 0.1f, 0), Vector("b-0", "b", 0, 1, 0), Vector("b-1", "b", 0, 0, 1),
        ], None);
        await f.Vectors.UpsertAsync([Vector("b-1", "b", 0.8f, 0, 0.2f)], None);

        var hits = await f.Vectors.SearchAsync(Unit(1, 0, 0), 3, null, None);
        Assert.Equal(["a-0", "a-1", "b-1"], hits.Select(h => h.ChunkId));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Equal(4, await f.Vectors.CountAsync(None));
        Assert.Equal(["b-1", "b-0"], (await f.Vectors.SearchAsync(Unit(1, 0, 0), 5, ["b"], None)).Select(h => h.ChunkId));

        await f.Vectors.RemoveAsync(["a-0"], None);
        await f.Vectors.RemoveDocumentAsync("b", None);
        Assert.Equal(["a-1"], (await f.Vectors.SearchAsync(Unit(1, 0, 0), 5, null, None)).Select(h => h.ChunkId));
        await f.Vectors.FlushAsync(None);
    }

    [Fact]
    public async Task Settings_round_trip_and_all_chunks_can_be_read_back()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        Assert.Null(await f.Store.GetSettingAsync("embedding_model", None));
        await f.Store.SetSettingAsync("embedding_model", "m:3", None);
        await f.Store.SetSettingAsync("embedding_model", "m:4", None);
        Assert.Equal("m:4", await f.Store.GetSettingAsync("embedding_model", None));

        var document = SampleData.Document("z");
        await f.Store.UpsertDocumentAsync(document, None);
        await f.Store.UpsertChunksAsync([SampleData.Chunk(document.Id, 1, "one"), SampleData.Chunk(document.Id, 0, "zero")], None);
        var all = new List<string>();
        await foreach (var chunk in f.Store.ReadAllChunksAsync(None))
        {
            all.Add(chunk.Text);
        }
        Assert.Equal(["zero", "one"], all);
    }

    private static float[] Unit(params float[] values)
    {
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        return values.Select(v => v / norm).ToArray();
    }

    [Fact]
    public async Task The_graph_merges_mentions_and_removing_a_document_keeps_exactly_what_others_support()
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        static EntityMention Drug(string name, string description, params string[] aliases) =>
            new(name, EntityType.Drug, description, aliases);
        var docA = new[]
        {
            new ChunkGraph("a-0", "a", [Drug("remdesivir", "An antiviral.", "VEKLURY"), new("nausea", EntityType.AdverseReaction, "Common.", [])],
                [new RelationMention("remdesivir", "nausea", "adverse reaction", "Nausea was reported.", 1)]),
        };
        var docB = new[]
        {
            new ChunkGraph("b-0", "b", [Drug("VEKLURY", "Brand of remdesivir."), new("hypotension", EntityType.AdverseReaction, "Infusion reaction.", [])],
                [new RelationMention("VEKLURY", "hypotension", "infusion reaction", "Hypotension during infusion.", 2)]),
        };

        await f.Graph.ReplaceDocumentAsync("a", docA, None);
        await f.Graph.ReplaceDocumentAsync("a", docA, None);
        await f.Graph.ReplaceDocumentAsync("b", docB, None);

        // The brand name in document b resolves to the entity document a defined it for.
        var remdesivir = Assert.Single(await f.Graph.GetEntitiesAsync(["remdesivir"], None));
        Assert.Equal(2, remdesivir.Mentions);
        Assert.Contains("VEKLURY", remdesivir.Aliases);
        Assert.Equal("remdesivir", (await f.Graph.SearchEntitiesAsync("veklury", 5, None))[0].Id);
        Assert.Equal((3, 2), await f.Graph.CountAsync(None));
        var relations = await f.Graph.GetRelationsOfAsync(["remdesivir"], 10, None);
        Assert.Equal("hypotension|remdesivir", relations[0].Id);
        Assert.Equal(2, relations[0].Weight);
        Assert.Equal("nausea|remdesivir", (await f.Graph.SearchRelationsAsync("adverse reaction nausea", 5, None))[0].Id);
        Assert.Equal([("remdesivir", "a-0")], await f.Graph.GetEntityChunksAsync(["remdesivir"], ["a"], None));
        Assert.Equal([("nausea|remdesivir", "a-0")], await f.Graph.GetRelationChunksAsync(["nausea|remdesivir"], null, None));

        await f.Graph.RemoveDocumentAsync("a", None);

        Assert.Empty(await f.Graph.GetEntitiesAsync(["nausea"], None));
        Assert.Empty(await f.Graph.SearchRelationsAsync("nausea", 5, None));
        var rebuilt = Assert.Single(await f.Graph.GetEntitiesAsync(["remdesivir"], None));
        Assert.Equal(1, rebuilt.Mentions);
        Assert.Equal("Brand of remdesivir.", rebuilt.Description);
        Assert.Equal((2, 1), await f.Graph.CountAsync(None));
    }

    [Theory]
    [InlineData("IL-6", "Serum IL-6 rose after infusion in the treated cohort of adults.", "IL-2 in 6 arms.")]
    [InlineData("COVID-19", "Patients with COVID-19 were enrolled at the clinic this year.", "COVID in 19 sites.")]
    [InlineData("5-FU", "Patients received 5-FU by continuous infusion every single week.", "FU in 5 weeks.")]
    [InlineData("mg/kg", "The dose was 2 mg/kg given intravenously over one whole hour.", "kg body weight then mg dose.")]
    [InlineData("CYP3A4", "Warfarin is metabolised by CYP3A4 in the liver of most adults.", "CYP3A5 in 4 cases.")]
    public async Task Biomedical_compounds_rank_the_chunk_that_has_them_above_one_with_their_parts(string term, string text, string parts)
    {
        var f = await CreateAsync();
        await using var _ = f.Lifetime;
        var d = SampleData.Document("bio");
        var target = SampleData.Chunk(d.Id, 0, text);
        var decoy = SampleData.Chunk(d.Id, 1, parts);
        // Background chunks give the index realistic term statistics (with two chunks every idf is nil).
        // The decoy is short, so on its words alone it would outrank the longer chunk with the compound.
        var background = Enumerable.Range(2, 30).Select(i => SampleData.Chunk(d.Id, i, "Routine clinic visit recorded vital signs and laboratory values."));
        await f.Keywords.IndexAsync([target, decoy, .. background], None);

        var hits = await f.Keywords.SearchAsync(term, 5, null, None);

        Assert.Equal(target.Id, hits[0].ChunkId);
    }
}
