using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IRagStore"/> must do.</summary>
public abstract class DocumentStoreConformance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty, initialised store.</summary>
    protected abstract Task<PortFixture<IRagStore>> CreateAsync(TimeProvider clock);

    [Fact]
    public async Task Documents_upsert_by_id_and_round_trip()
    {
        await using var f = await CreateAsync(TimeProvider.System);
        var store = f.Port;
        var document = SampleData.Document("a");

        await store.UpsertDocumentAsync(document, None);
        await store.UpsertDocumentAsync(document with { Pages = 7 }, None);

        var stored = await store.GetDocumentAsync(document.Id, None);
        Assert.Equal(document with { Pages = 7 }, stored);
        Assert.Single(await store.ListDocumentsAsync(None));
        Assert.Single(await store.FindDocumentsByKeyAsync(document.Key, None));
        Assert.Empty(await store.GetDocumentsAsync([], None));
        Assert.Null(await store.GetDocumentAsync(SampleData.Document("missing").Id, None));
        var other = SampleData.Document("other");
        await store.UpsertDocumentAsync(other, None);
        var both = await store.GetDocumentsAsync([document.Id, other.Id, SampleData.Document("missing").Id], None);
        Assert.Equal([document.Id, other.Id], both.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task Status_updates_keep_unset_fields_and_report_missing_documents()
    {
        await using var f = await CreateAsync(TimeProvider.System);
        var store = f.Port;
        var document = SampleData.Document("b");
        await store.UpsertDocumentAsync(document, None);

        await store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Processing) { Step = "parsing", Progress = 0.3 }, None);
        await store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Failed) { Error = "boom" }, None);
        var failed = (await store.GetDocumentAsync(document.Id, None))!;
        Assert.Equal((DocumentStatus.Failed, "parsing", 0.3, "boom"), (failed.Status, failed.Step, failed.Progress, failed.Error));

        await store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Processed) { Pages = 3, Chunks = 2 }, None);
        var done = (await store.GetDocumentAsync(document.Id, None))!;
        Assert.Equal((DocumentStatus.Processed, null, null, 3, 2), (done.Status, done.Step, done.Error, done.Pages, done.Chunks));

        Assert.False(await store.UpdateStatusAsync(SampleData.Document("gone").Id, new DocumentStatusUpdate(DocumentStatus.Processing), None));
    }

    [Fact]
    public async Task Chunks_upsert_by_id_keep_page_spans_and_delete_exactly()
    {
        await using var f = await CreateAsync(TimeProvider.System);
        var store = f.Port;
        var a = SampleData.Document("c");
        var b = SampleData.Document("dd");
        await store.UpsertDocumentAsync(a, None);
        await store.UpsertDocumentAsync(b, None);
        var chunks = Enumerable.Range(0, 5).Select(i => SampleData.Chunk(a.Id, i, $"text {i}", i + 1, i + 2)).ToArray();
        await store.UpsertChunksAsync(chunks, None);
        await store.UpsertChunksAsync(chunks, None);
        await store.UpsertChunksAsync([SampleData.Chunk(b.Id, 0, "other")], None);

        Assert.Equal(5, await store.CountChunksAsync(a.Id, None));
        await store.UpsertChunksAsync([chunks[1] with { Kind = Core.Content.BlockKind.Table }], None);
        Assert.Equal(Core.Content.BlockKind.Table, (await store.GetChunksAsync([chunks[1].Id], None)).Single().Kind);
        var read = await store.GetChunksAsync([chunks[2].Id], None);
        Assert.Equal(chunks[2].PageSpans, read.Single().PageSpans);
        Assert.Equal(chunks[2].Section, read.Single().Section);
        Assert.Equal([3, 4], read.Single().Pages);
        Assert.Null((await store.GetChunksAsync([chunks[1].Id], None)).Single().Section);

        var removed = await store.DeleteChunksFromAsync(a.Id, 3, None);
        Assert.Equal([chunks[3].Id, chunks[4].Id], removed.Order());
        Assert.Equal(3, await store.CountChunksAsync(a.Id, None));

        Assert.True(await store.DeleteDocumentAsync(a.Id, None));
        Assert.False(await store.DeleteDocumentAsync(a.Id, None));
        Assert.Equal(0, await store.CountChunksAsync(a.Id, None));
        Assert.Equal(1, await store.CountChunksAsync(b.Id, None));
    }

    [Fact]
    public async Task Settings_round_trip_and_all_chunks_can_be_read_back()
    {
        await using var f = await CreateAsync(TimeProvider.System);
        var store = f.Port;
        Assert.Null(await store.GetSettingAsync("embedding_model", None));
        await store.SetSettingAsync("embedding_model", "m:3", None);
        await store.SetSettingAsync("embedding_model", "m:4", None);
        Assert.Equal("m:4", await store.GetSettingAsync("embedding_model", None));

        var document = SampleData.Document("z");
        await store.UpsertDocumentAsync(document, None);
        await store.UpsertChunksAsync([SampleData.Chunk(document.Id, 1, "one"), SampleData.Chunk(document.Id, 0, "zero")], None);
        var all = new List<string>();
        await foreach (var chunk in store.ReadAllChunksAsync(None))
        {
            all.Add(chunk.Text);
        }
        Assert.Equal(["zero", "one"], all);
    }

    [Fact]
    public async Task Text_with_nul_characters_from_pdf_extraction_is_stored_with_its_offsets_intact()
    {
        await using var f = await CreateAsync(TimeProvider.System);
        var document = SampleData.Document("nul");
        await f.Port.UpsertDocumentAsync(document, None);
        var chunk = SampleData.Chunk(document.Id, 0, "Dose\0 10 mg daily on page two.", 1, 2) with { Section = "2 DOSAGE\0" };

        await f.Port.UpsertChunksAsync([chunk], None);

        var stored = Assert.Single(await f.Port.GetChunksAsync([chunk.Id], None));
        Assert.Equal(chunk.Text.Length, stored.Text.Length);
        Assert.EndsWith(" 10 mg daily on page two.", stored.Text);
        Assert.Equal(chunk.PageSpans, stored.PageSpans);
    }
}
