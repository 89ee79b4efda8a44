using System.Net;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>The main job: presigned upload, automatic processing, cited answers.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task Upload_is_processed_without_another_call_and_answer_cites_the_page_of_the_fact()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var pdf = TestPdf.Pages(
            ["Zentorix Prescribing Information.", "Zentorix is a kinase inhibitor indicated for adults with plaque psoriasis."],
            ["2 DOSAGE AND ADMINISTRATION", "The recommended dosage of Zentorix is 25 mg orally once daily with food."],
            ["6 ADVERSE REACTIONS", "The most common adverse reactions were headache and nausea."]);

        var id = await server.Client.UploadAsync("zentorix.pdf", pdf);
        var document = await server.Client.WaitForFinalStatusAsync(id);

        Assert.Equal("processed", (string)document["status"]!);
        Assert.Equal(3, (int)document["pages"]!);
        var answer = await server.Client.AskAsync("What is the recommended dosage of Zentorix?");
        Assert.Contains("25 mg orally once daily", (string)answer["answer"]!);
        var citation = answer["citations"]!.AsArray()[0]!;
        Assert.Equal(2, (int)citation["page"]!);
        Assert.Equal(id, (string)citation["document_id"]!);
        Assert.Equal("zentorix.pdf", (string)citation["filename"]!);
        Assert.Contains("25 mg", (string)citation["text"]!);
    }

    [Fact]
    public async Task Every_sentence_of_an_extractive_answer_carries_its_page()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var id = await server.Client.UploadAsync("study.pdf", TestPdf.Numbered(6, "warfarin"));
        await server.Client.WaitForFinalStatusAsync(id);

        var answer = await server.Client.AskAsync("Which participants received the study drug on page 4?");

        var citations = answer["citations"]!.AsArray();
        Assert.NotEmpty(citations);
        Assert.Equal(citations.Count, ((string)answer["answer"]!).Split("[").Length - 1);
        Assert.Contains(citations, c => (int)c!["page"]! == 4 && ((string)c["text"]!).Contains("page 4"));
    }

    [Fact]
    public async Task A_question_with_no_matching_passage_says_so()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var id = await server.Client.UploadAsync("study.pdf", TestPdf.Numbered(2));
        await server.Client.WaitForFinalStatusAsync(id);

        var answer = await server.Client.AskAsync("xylophone quasar zeppelin?");

        Assert.Empty(answer["citations"]!.AsArray());
        Assert.StartsWith("No passage", (string)answer["answer"]!);
    }

    [Fact]
    public async Task Search_returns_ranked_chunks_with_pages_and_can_be_scoped_to_documents()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var first = await server.Client.UploadAsync("a.pdf", TestPdf.Numbered(3, "aspirin"));
        var second = await server.Client.UploadAsync("b.pdf", TestPdf.Numbered(3, "heparin"));
        await server.Client.WaitForFinalStatusAsync(first);
        await server.Client.WaitForFinalStatusAsync(second);

        var all = await server.Client.SearchAsync("study drug protocol");
        var scoped = await (await server.Client.PostAsync("/search", Json($$"""{"query":"study drug protocol","document_ids":["{{second}}"]}""")))
            .JsonAsync();

        Assert.Contains(all, h => (string)h!["document_id"]! == first);
        Assert.Contains(all, h => (string)h!["document_id"]! == second);
        var scopedHits = scoped["results"]!.AsArray();
        Assert.NotEmpty(scopedHits);
        Assert.All(scopedHits, h => Assert.Equal(second, (string)h!["document_id"]!));
        Assert.All(scopedHits, h => Assert.NotEmpty(h!["pages"]!.AsArray()));
        var scores = all.Select(h => (double)h!["score"]!).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Uploading_the_same_bytes_again_is_a_no_op_and_a_new_version_replaces_the_old()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var original = TestPdf.Pages(["Version one says alpha-dose is 5 mg."]);
        var v1 = await server.Client.UploadAsync("label.pdf", original);
        await server.Client.WaitForFinalStatusAsync(v1);

        var again = await server.Client.UploadAsync("label.pdf", original);
        Assert.Equal(v1, again);
        Assert.Equal("processed", (string)(await server.Client.DocumentAsync(v1))["status"]!);

        var v2 = await server.Client.UploadAsync("label.pdf", TestPdf.Pages(["Version two says beta-dose is 7 mg."]));
        Assert.NotEqual(v1, v2);
        await server.Client.WaitForFinalStatusAsync(v2);

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/documents/{v1}")).StatusCode);
        Assert.All(await server.Client.SearchAsync("alpha"), h => Assert.Equal(v2, (string)h!["document_id"]!));
        var beta = await server.Client.SearchAsync("beta");
        Assert.Single(beta);
        Assert.Contains("beta-dose", (string)beta[0]!["text"]!);
    }

    [Fact]
    public async Task Process_endpoint_processes_an_object_idempotently()
    {
        using var data = new TempDirectory();
        // Nothing is processed on upload: the filter matches no file, so /process is the only way in.
        await using var server = await InProcessServer.StartAsync(data.Path, "--PharmaRag:Ingestion:ProcessFilter=*.none");
        var presigned = await server.Client.PresignAsync("manual.pdf");
        var put = await (await server.Client.PutAsync((string)presigned["url"]!, TestPdf.Numbered(2))).JsonAsync();
        Assert.Null(put["document"]);

        var first = await server.Client.PostAsync("/process", Json("""{"key":"uploads/manual.pdf"}"""));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var id = (string)(await first.JsonAsync())["document"]!["id"]!;
        await server.Client.WaitForFinalStatusAsync(id);

        var second = await server.Client.PostAsync("/process", Json("""{"key":"uploads/manual.pdf"}"""));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False((bool)(await second.JsonAsync())["queued"]!);

        var forced = await server.Client.PostAsync("/process", Json("""{"key":"uploads/manual.pdf","force":true}"""));
        Assert.Equal(HttpStatusCode.Accepted, forced.StatusCode);
        var reprocessed = await server.Client.WaitForFinalStatusAsync(id);
        Assert.Equal("processed", (string)reprocessed["status"]!);
        var hits = await server.Client.SearchAsync("pg2marker");
        Assert.Contains("pg2marker", (string)hits[0]!["text"]!);
        Assert.Equal(hits.Count, hits.Select(h => (string)h!["chunk_id"]!).Distinct().Count());
    }

    internal static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
