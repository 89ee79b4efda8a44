using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>
/// What ingestion saves between its steps, in every backend: the parsed content list, the pending
/// background steps of a document, the step runs of a job and the last step it completed.
/// </summary>
public abstract class IngestionStateConformance
{
    /// <summary>A fresh, empty, initialised backend whose job queue reads time from <paramref name="clock"/>.</summary>
    protected abstract Task<PortFixture<IngestionStatePorts>> CreateAsync(TimeProvider clock);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_content_list_round_trips_is_replaced_and_goes_with_its_document()
    {
        var clock = new FakeTimeProvider();
        await using var fixture = await CreateAsync(clock);
        var f = fixture.Port;
        var document = SampleData.Document("content");
        await f.Store.UpsertDocumentAsync(document, None);
        var parsed = new ParsedDocument(3,
        [
            new ContentBlock { Page = 1, Text = "1 INDICATIONS", HeadingLevel = 1, Section = "1 INDICATIONS", Box = new BoundingBox(10, 20, 300, 40) },
            new ContentBlock
            {
                Kind = BlockKind.Table, Page = 2, Text = "| Dose | Days |",
                Table = new TableContent { Rows = [["Dose", "Days"], ["5 mg", "7"]], HeaderRows = 1, Caption = "Table 1", RowPages = [2, 3] },
            },
            new ContentBlock
            {
                Kind = BlockKind.Image, Page = 3, Text = "Figure 1", Caption = "Figure 1",
                Image = new BlockImage("image/png", [1, 2, 3]) { WorthOcr = false },
            },
        ], [2]);

        Assert.Null(await f.Store.GetContentListAsync(document.Id, None));
        await f.Store.SaveContentListAsync(document.Id, parsed, None);
        var stored = (await f.Store.GetContentListAsync(document.Id, None))!;

        Assert.Equal((3, 3), (stored.Pages, stored.Blocks.Count));
        Assert.Equal([2], stored.UnreadablePages);
        Assert.Equal(parsed.Blocks[0], stored.Blocks[0]);
        Assert.Equal([["Dose", "Days"], ["5 mg", "7"]], stored.Blocks[1].Table!.Rows);
        Assert.Equal([2, 3], stored.Blocks[1].Table!.RowPages);
        Assert.Equal([1, 2, 3], stored.Blocks[2].Image!.Bytes);
        Assert.False(stored.Blocks[2].Image!.WorthOcr);

        await f.Store.SaveContentListAsync(document.Id, parsed with { Blocks = parsed.Blocks.Take(1).ToArray() }, None);
        Assert.Single((await f.Store.GetContentListAsync(document.Id, None))!.Blocks);

        await f.Store.DeleteDocumentAsync(document.Id, None);
        Assert.Null(await f.Store.GetContentListAsync(document.Id, None));
    }

    [Fact]
    public async Task Pending_steps_are_kept_replaced_and_cleared_and_a_processed_document_can_carry_an_error()
    {
        var clock = new FakeTimeProvider();
        await using var fixture = await CreateAsync(clock);
        var f = fixture.Port;
        var document = SampleData.Document("pending");
        await f.Store.UpsertDocumentAsync(document, None);
        Assert.Empty((await f.Store.GetDocumentAsync(document.Id, None))!.PendingSteps);

        await f.Store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Processed) { PendingSteps = ["embedding", "graph"] }, None);
        await f.Store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Processed) { Chunks = 4 }, None);
        var pending = (await f.Store.GetDocumentAsync(document.Id, None))!;
        Assert.Equal(["embedding", "graph"], pending.PendingSteps);
        Assert.Equal(["embedding", "graph"], (await f.Store.ListDocumentsAsync(None)).Single().PendingSteps);

        await f.Store.UpdateStatusAsync(document.Id, new DocumentStatusUpdate(DocumentStatus.Processed) { PendingSteps = [], Error = "The graph step failed." }, None);
        var done = (await f.Store.GetDocumentAsync(document.Id, None))!;
        Assert.Equal((DocumentStatus.Processed, 0, "The graph step failed.", 4), (done.Status, done.PendingSteps.Count, done.Error, done.Chunks));

        await f.Store.UpsertDocumentAsync(document with { PendingSteps = ["graph"] }, None);
        Assert.Equal(["graph"], (await f.Store.GetDocumentAsync(document.Id, None))!.PendingSteps);
    }

    [Fact]
    public async Task A_documents_chunks_are_read_back_in_ordinal_order_and_only_its_own()
    {
        var clock = new FakeTimeProvider();
        await using var fixture = await CreateAsync(clock);
        var f = fixture.Port;
        var a = SampleData.Document("chunks-a");
        var b = SampleData.Document("chunks-b");
        await f.Store.UpsertDocumentAsync(a, None);
        await f.Store.UpsertDocumentAsync(b, None);
        await f.Store.UpsertChunksAsync([SampleData.Chunk(a.Id, 2, "third", 3), SampleData.Chunk(a.Id, 0, "first"), SampleData.Chunk(b.Id, 0, "other")], None);
        await f.Store.UpsertChunksAsync([SampleData.Chunk(a.Id, 1, "second", 2)], None);

        var chunks = await f.Store.GetDocumentChunksAsync(a.Id, None);

        Assert.Equal(["first", "second", "third"], chunks.Select(c => c.Text));
        Assert.Equal([3], chunks[2].PageSpans.Select(s => s.Page));
        Assert.Empty(await f.Store.GetDocumentChunksAsync(SampleData.Document("none").Id, None));
    }

    [Fact]
    public async Task Step_runs_are_recorded_and_a_claimed_job_resumes_after_its_last_completed_step()
    {
        var clock = new FakeTimeProvider();
        await using var fixture = await CreateAsync(clock);
        var f = fixture.Port;
        var document = SampleData.Document("steps");
        await f.Store.UpsertDocumentAsync(document, None);
        await f.Jobs.EnqueueAsync(document.Id, None);
        var job = (await f.Jobs.TryClaimAsync("worker-1", TimeSpan.FromMinutes(1), None))!;
        Assert.Null(job.LastStep);

        var parse = await f.Jobs.StartStepAsync(job.Id, IngestionSteps.Parsing, None);
        await f.Jobs.FinishStepAsync(parse, StepOutcome.Success, null, None);
        var chunk = await f.Jobs.StartStepAsync(job.Id, IngestionSteps.Chunking, None);
        await f.Jobs.FinishStepAsync(chunk, StepOutcome.Transient, "busy", None);
        await f.Jobs.StartStepAsync(job.Id, IngestionSteps.Chunking, None); // interrupted: never finished

        var runs = await f.Jobs.ListStepsAsync(document.Id, None);
        Assert.Equal(["parsing", "chunking", "chunking"], runs.Select(r => r.Step));
        Assert.Equal(["success", "transient", null], runs.Select(r => r.Outcome));
        Assert.Equal("busy", runs[1].Error);
        Assert.NotNull(runs[0].FinishedAt);
        Assert.Null(runs[2].FinishedAt);

        // A crash: the lease runs out and the job is claimed again, after the step it completed.
        clock.Advance(TimeSpan.FromMinutes(2));
        var resumed = (await f.Jobs.TryClaimAsync("worker-2", TimeSpan.FromMinutes(1), None))!;
        Assert.Equal((job.Id, IngestionSteps.Parsing), (resumed.Id, resumed.LastStep));

        // Retried after a failure: still resumes there. Queued again on purpose: starts over.
        await f.Jobs.FailAsync(resumed.Id, "busy", clock.GetUtcNow().AddMinutes(-1), None);
        Assert.Equal(IngestionSteps.Parsing, (await f.Jobs.TryClaimAsync("worker-2", TimeSpan.FromMinutes(1), None))!.LastStep);
        clock.Advance(TimeSpan.FromMinutes(2));
        await f.Jobs.EnqueueAsync(document.Id, None);
        Assert.Null((await f.Jobs.TryClaimAsync("worker-3", TimeSpan.FromMinutes(1), None))!.LastStep);

        await f.Store.DeleteDocumentAsync(document.Id, None);
        Assert.Empty(await f.Jobs.ListStepsAsync(document.Id, None));
    }

    [Fact]
    public async Task A_deferred_job_waits_behind_other_documents_without_counting_an_attempt()
    {
        var clock = new FakeTimeProvider();
        await using var fixture = await CreateAsync(clock);
        var f = fixture.Port;
        var first = SampleData.Document("defer-1");
        var second = SampleData.Document("defer-2");
        await f.Store.UpsertDocumentAsync(first, None);
        await f.Store.UpsertDocumentAsync(second, None);
        await f.Jobs.EnqueueAsync(first.Id, None);
        var job = (await f.Jobs.TryClaimAsync("worker-1", TimeSpan.FromMinutes(1), None))!;
        await f.Jobs.EnqueueAsync(second.Id, None);

        await f.Jobs.DeferAsync(job.Id, None);

        Assert.Equal(2, await f.Jobs.CountPendingAsync(None));
        var next = (await f.Jobs.TryClaimAsync("worker-1", TimeSpan.FromMinutes(1), None))!;
        Assert.Equal(second.Id, next.DocumentId);
        var background = (await f.Jobs.TryClaimAsync("worker-2", TimeSpan.FromMinutes(1), None))!;
        Assert.Equal((first.Id, 1), (background.DocumentId, background.Attempts));
    }
}
