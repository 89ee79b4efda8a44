using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Content;
using PharmaRag.Documents;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>Bad input fails with a reason, is not retried forever, and does not disturb other work.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task Corrupt_pdf_fails_with_a_reason_while_the_server_keeps_working()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var corrupt = await server.Client.UploadAsync("corrupt.pdf", TestPdf.Corrupt());
        var good = await server.Client.UploadAsync("good.pdf", TestPdf.Numbered(2, "metformin"));

        var failed = await server.Client.WaitForFinalStatusAsync(corrupt);
        Assert.Equal("failed", (string)failed["status"]!);
        Assert.Contains("damaged", (string)failed["error"]!);
        Assert.Equal("parsing", (string)failed["step"]!);
        Assert.Equal("processed", (string)(await server.Client.WaitForFinalStatusAsync(good))["status"]!);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
        Assert.NotEmpty((await server.Client.AskAsync("metformin study"))["citations"]!.AsArray());
    }

    [Fact]
    public async Task A_bug_in_our_own_layout_code_is_reported_as_an_internal_error_never_as_a_damaged_pdf()
    {
        using var data = new TempDirectory();
        // The server's PDF parser with a bug injected into our layout code on page 2; PdfPig reads the file fine.
        await using var server = await InProcessServer.StartAsync(data.Path, null, services =>
        {
            services.Remove(services.Single(d => d.ImplementationType == typeof(PdfDocumentParser)));
            services.AddSingleton<IDocumentParser>(new PdfDocumentParser
            {
                ReadLayout = (page, number, letters) => number == 2 ? throw new InvalidOperationException("layout bug") : Documents.Pdf.PdfPageReader.Read(page, number, letters),
            });
        });

        var id = await server.Client.UploadAsync("valid.pdf", TestPdf.Numbered(4, "metformin"));
        var failed = await server.Client.WaitForFinalStatusAsync(id);

        Assert.Equal(("failed", "parsing"), ((string)failed["status"]!, (string)failed["step"]!));
        var error = (string)failed["error"]!;
        Assert.StartsWith("Internal error in the parsing step (InvalidOperationException)", error);
        Assert.DoesNotContain("damaged", error);
        Assert.DoesNotContain("layout bug", error);
    }

    [Fact]
    public async Task Encrypted_pdf_fails_with_a_reason_that_names_the_password()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var id = await server.Client.UploadAsync("locked.pdf", TestPdf.Encrypted());

        var failed = await server.Client.WaitForFinalStatusAsync(id);
        Assert.Equal("failed", (string)failed["status"]!);
        Assert.Contains("encrypted", (string)failed["error"]!);
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_fails_at_once_and_is_not_retried()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var id = await server.Client.UploadAsync("renamed.pdf", "PK\u0003\u0004 this is a zip file"u8.ToArray());
        var failed = await server.Client.WaitForFinalStatusAsync(id);

        Assert.Contains("not a PDF", (string)failed["error"]!);
        // A final failure leaves no job behind that could run again.
        var health = await (await server.Client.GetAsync("/health")).JsonAsync();
        Assert.Contains("0 job(s) pending", (string)health["components"]!["store"]!["detail"]!);
    }

    [Fact]
    public async Task Health_is_open_and_names_no_path_of_the_data_directory()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var text = await server.Client.GetStringAsync("/health");

        Assert.Contains("SQLite", text);
        Assert.Contains("local folder", text);
        Assert.DoesNotContain(data.Path, text);
        Assert.DoesNotContain(Path.GetFileName(data.Path), text);
    }

    [Fact]
    public async Task Malformed_json_and_invalid_requests_get_problem_details()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var requests = new (string Path, string Body)[]
        {
            ("/rag-query", "{not json"),
            ("/rag-query", """{"query":""}"""),
            ("/rag-query", """{"query":"dose","mode":"telepathic"}"""),
            ("/rag-query", """{"query":"dose","top_k":0}"""),
            ("/search", """{"query":"dose","document_ids":["../../x"]}"""),
            ("/process", """{"key":5}"""),
            ("/process", "{}"),
        };
        foreach (var (path, body) in requests)
        {
            var response = await server.Client.PostAsync(path, EndToEndTests.Json(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var missing = await server.Client.PostAsync("/process", EndToEndTests.Json("""{"key":"uploads/never-uploaded.pdf"}"""));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/documents/{new string('0', 64)}")).StatusCode);
    }
}
