using System.Net.Http.Json;
using Microsoft.Playwright;
using PharmaRag.Core.Documents;

namespace PharmaRag.Web.Tests;

/// <summary>Bad input gets a clear message in the page, and nothing the API would refuse is sent.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BadInputTests(BrowserFixture browser)
{
    private const long MaxBytes = 1_000_000;

    [Fact]
    public async Task Unsupported_empty_and_oversized_files_are_explained_and_not_uploaded()
    {
        await using var server = await WebServer.StartAsync($"--PharmaRag:Uploads:MaxBytes={MaxBytes}");
        await using var session = await PageSession.OpenAsync(browser, server, "bad-files");
        var page = session.Page;
        var uploads = page.Locator("#uploads");

        await page.SetInputFilesAsync("#file-input", new FilePayload { Name = "setup.exe", MimeType = "application/octet-stream", Buffer = [1, 2, 3] });
        await Assertions.Expect(uploads).ToContainTextAsync("setup.exe was not uploaded: .exe files are not supported. Supported: .pdf");
        await page.SetInputFilesAsync("#file-input", new FilePayload { Name = "empty.pdf", MimeType = "application/pdf", Buffer = [] });
        await Assertions.Expect(uploads).ToContainTextAsync("empty.pdf was not uploaded: the file is empty.");
        Assert.Equal(0, session.CountRequests("GET", "/presigned-url"));

        var big = new byte[MaxBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(big);
        await page.SetInputFilesAsync("#file-input", new FilePayload { Name = "too-big.pdf", MimeType = "application/pdf", Buffer = big });
        await Assertions.Expect(uploads).ToContainTextAsync("too-big.pdf was not uploaded: it is 1,000,001 bytes (977 KB), over the upload limit of 1,000,000 bytes (977 KB) (PharmaRag:Uploads:MaxBytes).");
        await Assertions.Expect(uploads.GetByRole(AriaRole.Alert)).ToHaveCountAsync(3);
        await session.ScreenshotAsync("messages");

        Assert.Equal(0, session.CountRequests("PUT", "/objects/"));
        Assert.Equal(0, session.CountRequests("POST", "/process"));
        Assert.Empty(await server.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/documents") ?? []);
        session.AssertClean();
    }

    [Fact]
    public async Task An_empty_question_or_an_empty_scope_is_explained_and_not_sent()
    {
        await using var server = await WebServer.StartAsync();
        await using var session = await PageSession.OpenAsync(browser, server, "bad-question", "#ask");
        var page = session.Page;

        await page.FillAsync("#question", "   ");
        await page.ClickAsync("#ask-button");
        await Assertions.Expect(page.Locator("#ask-error")).ToHaveTextAsync("Type a question first: the question is empty.");
        await session.ScreenshotAsync("empty-question");

        await page.FillAsync("#question", "What is the dose?");
        await page.CheckAsync("#scope");
        await page.ClickAsync("#ask-button");
        await Assertions.Expect(page.Locator("#ask-error")).ToContainTextAsync("No document is selected");

        await page.GotoAsync(new Uri(server.Address, "/#graph").ToString());
        await page.ClickAsync("#graph-form button[type=submit]");
        await Assertions.Expect(page.Locator("#graph-error")).ToHaveTextAsync("Type an entity name first: the search is empty.");
        await session.ScreenshotAsync("empty-search");

        Assert.Equal(0, session.CountRequests("POST", "/rag-query"));
        Assert.Equal(0, session.CountRequests("GET", "/graph"));
        session.AssertClean();
    }

    [Fact]
    public async Task The_page_accepts_exactly_the_types_the_server_parses()
    {
        await using var server = await WebServer.StartAsync();
        await using var session = await PageSession.OpenAsync(browser, server, "file-types");
        var pageTypes = await session.Page.EvaluateAsync<Dictionary<string, string>>("() => import('/js/file-types.js').then(m => m.mediaTypes)");
        var serverTypes = MediaTypes.SupportedExtensions.ToDictionary(e => e.ToLowerInvariant(), e => MediaTypes.FromFileName("x" + e)!);
        Assert.Equal(serverTypes.OrderBy(p => p.Key), pageTypes.OrderBy(p => p.Key));
        Assert.Equal(string.Join(",", serverTypes.Keys.Order()),
            string.Join(",", (await session.Page.GetAttributeAsync("#file-input", "accept"))!.Split(',').Order()));
    }
}
