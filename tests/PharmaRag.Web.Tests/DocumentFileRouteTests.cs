using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Web.Tests;

/// <summary>The routes the page adds, over real HTTP: a document's original file, and an entity's passages.</summary>
public sealed class DocumentFileRouteTests
{
    [Fact]
    public async Task The_original_file_is_served_inline_with_its_media_type_and_exact_bytes()
    {
        await using var server = await WebServer.StartAsync();
        var bytes = TestPdf.Pages(["Atorvastatin 10 mg once daily."], ["Myopathy is a risk."]);
        var id = await server.UploadAsync("atorvastatin label.pdf", bytes);
        await server.WaitForFinalStatusAsync(id);

        var response = await server.Client.GetAsync($"/documents/{id}/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("atorvastatin label.pdf", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());

        // pdf.js may read a large file in ranges.
        var range = new HttpRequestMessage(HttpMethod.Get, $"/documents/{id}/file");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 7);
        var partial = await server.Client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[..8], await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_uploaded_html_file_is_served_sandboxed_so_its_script_cannot_run_in_the_page()
    {
        await using var server = await WebServer.StartAsync();
        var html = "<html><body><h1>Label</h1><p>Ibuprofen 200 mg.</p><script>sessionStorage.clear()</script></body></html>"u8.ToArray();
        var id = await server.UploadAsync("label.html", html, "text/html");
        // Only *.pdf is processed on upload by default; the page queues other types as a client must.
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.PostAsJsonAsync("/process", new { key = "uploads/label.html" })).StatusCode);
        var response = await server.Client.GetAsync($"/documents/{id}/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("sandbox;", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Unknown_ids_and_files_replaced_by_a_newer_upload_are_not_found()
    {
        await using var server = await WebServer.StartAsync("--PharmaRag:Ingestion:ProcessFilter=none.none");
        var unknown = await server.Client.GetAsync($"/documents/{new string('a', 64)}/file");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/documents/..%2F..%2Fsecrets%2Fupload-signing-key/file")).StatusCode);

        // The first version's record stays (nothing processes it), while the key now holds other bytes.
        var first = await server.UploadAsync("label.pdf", TestPdf.Pages(["First version."]));
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.PostAsJsonAsync("/process", new { key = "uploads/label.pdf" })).StatusCode);
        await server.UploadAsync("label.pdf", TestPdf.Pages(["Second version."]));
        var stale = await server.Client.GetAsync($"/documents/{first}/file");
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        Assert.Contains("replaced by a newer upload", await stale.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_entitys_passages_name_their_file_and_pages()
    {
        await using var server = await WebServer.StartAsync();
        var id = await server.UploadAsync(SharedLabels.Ibuprofen, await File.ReadAllBytesAsync(SharedLabels.PathOf(SharedLabels.Ibuprofen)));
        await server.WaitForFinalStatusAsync(id, backgroundSteps: true);
        var entity = (await server.Client.GetFromJsonAsync<JsonArray>("/graph/entities?search=ibuprofen"))!
            .First(e => (string)e!["name"]! == "ibuprofen")!;

        var chunks = (await server.Client.GetFromJsonAsync<JsonArray>($"/graph/entities/{entity["id"]}/chunks"))!;
        Assert.NotEmpty(chunks);
        foreach (var chunk in chunks)
        {
            Assert.Equal(SharedLabels.Ibuprofen, (string)chunk!["filename"]!);
            Assert.Equal(id, (string)chunk["document_id"]!);
            Assert.NotEmpty(chunk["pages"]!.AsArray());
            Assert.Contains("ibuprofen", (string)chunk["text"]!, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync($"/graph/entities/{entity["id"]}/chunks?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/graph/entities/no-such-entity/chunks")).StatusCode);
    }
}
