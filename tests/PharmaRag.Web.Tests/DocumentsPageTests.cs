using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PharmaRag.Testing;

namespace PharmaRag.Web.Tests;

/// <summary>The documents view in real Chromium against the real server: upload, live status, failure, delete.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_shared_label_uploaded_through_the_page_reaches_processed_without_a_reload()
    {
        await using var server = await WebServer.StartAsync();
        await using var session = await PageSession.OpenAsync(browser, server, "upload-label");
        var page = session.Page;
        await session.ScreenshotAsync("empty");
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");

        await page.SetInputFilesAsync("#file-input", SharedLabels.PathOf(SharedLabels.Ibuprofen));
        var row = page.Locator("#documents-body tr", new() { HasText = SharedLabels.Ibuprofen });
        await row.WaitForAsync();
        await session.ScreenshotAsync("uploaded");
        await page.Locator($"#documents-body tr[data-status='processed']", new() { HasText = SharedLabels.Ibuprofen })
            .WaitForAsync(new() { Timeout = 120_000 });
        await session.ScreenshotAsync("processed");

        // The list updated in place: same page, no reload.
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"));
        var documents = (await server.Client.GetFromJsonAsync<JsonArray>("/documents"))!;
        var document = Assert.Single(documents)!;
        Assert.Equal("processed", (string)document["status"]!);
        Assert.Equal(((int)document["pages"]!).ToString(), (await row.Locator("td.pages").InnerTextAsync()).Trim());
        Assert.Equal(((int)document["chunks"]!).ToString(), (await row.Locator("td.chunks").InnerTextAsync()).Trim());
        Assert.True((int)document["chunks"]! > 0);
        Assert.Equal("1", await row.Locator("td.progress progress").GetAttributeAsync("value"));
        Assert.Equal(1, session.CountRequests("GET", "/presigned-url?"));
        Assert.Equal(1, session.CountRequests("PUT", "/objects/uploads/"));
        session.AssertClean();
    }

    [Fact]
    public async Task A_broken_pdf_dropped_on_the_page_shows_why_it_failed()
    {
        await using var server = await WebServer.StartAsync();
        await using var session = await PageSession.OpenAsync(browser, server, "broken-pdf");
        var page = session.Page;

        // A real drop: a DataTransfer holding the file, dispatched on the drop zone.
        var transfer = await page.EvaluateHandleAsync(
            """
            b64 => {
              const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], 'broken-label.pdf', { type: 'application/pdf' }));
              return transfer;
            }
            """, Convert.ToBase64String(TestPdf.Corrupt()));
        await page.DispatchEventAsync("#dropzone", "drop", new { dataTransfer = transfer });

        var failed = page.Locator("#documents-body tr[data-status='failed']", new() { HasText = "broken-label.pdf" });
        await failed.WaitForAsync(new() { Timeout = 60_000 });
        var shown = (await failed.Locator(".doc-error").InnerTextAsync()).Trim();
        await session.ScreenshotAsync("failed");

        var document = (await server.Client.GetFromJsonAsync<JsonArray>("/documents"))!.Single()!;
        Assert.Equal("failed", (string)document["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)document["error"]));
        Assert.Equal((string)document["error"]!, shown);
        session.AssertClean();
    }

    [Fact]
    public async Task Delete_asks_first_then_removes_the_document_from_the_list_and_the_server()
    {
        await using var server = await WebServer.StartAsync();
        var keep = await server.UploadAsync("keep.pdf", TestPdf.Pages(["Metformin is taken with meals."]));
        var doomed = await server.UploadAsync("remove-me.pdf", TestPdf.Pages(["Warfarin interacts with aspirin."]));
        await server.WaitForFinalStatusAsync(keep);
        await server.WaitForFinalStatusAsync(doomed);
        await using var session = await PageSession.OpenAsync(browser, server, "delete");
        var page = session.Page;
        var row = page.Locator($"#documents-body tr[data-id='{doomed}']");
        await row.WaitForAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete remove-me.pdf" }).ClickAsync();
        var dialog = page.Locator("#confirm-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        Assert.Contains("remove-me.pdf", await dialog.InnerTextAsync());
        await session.ScreenshotAsync("confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(0, session.CountRequests("DELETE", "/documents/"));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/documents/{doomed}")).StatusCode);

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete remove-me.pdf" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await session.ScreenshotAsync("deleted");

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/documents/{doomed}")).StatusCode);
        await Assertions.Expect(page.Locator($"#documents-body tr[data-id='{keep}']")).ToBeVisibleAsync();
        Assert.Equal(1, session.CountRequests("DELETE", $"/documents/{doomed}"));
        session.AssertClean();
    }

    [Fact]
    public async Task The_filter_box_narrows_the_list()
    {
        await using var server = await WebServer.StartAsync();
        var first = await server.UploadAsync("amoxicillin-label.pdf", TestPdf.Pages(["Amoxicillin is a penicillin."]));
        var second = await server.UploadAsync("warfarin-label.pdf", TestPdf.Pages(["Warfarin is an anticoagulant."]));
        await server.WaitForFinalStatusAsync(first);
        await server.WaitForFinalStatusAsync(second);
        await using var session = await PageSession.OpenAsync(browser, server, "filter");
        var page = session.Page;
        await Assertions.Expect(page.Locator("#documents-body tr:visible")).ToHaveCountAsync(2);

        await page.FillAsync("#doc-filter", "warf");
        await Assertions.Expect(page.Locator("#documents-body tr:visible")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#documents-body tr:visible")).ToContainTextAsync("warfarin-label.pdf");
        await Assertions.Expect(page.Locator("#doc-count")).ToHaveTextAsync("1 of 2 shown");
        await session.ScreenshotAsync("filtered");
        session.AssertClean();
    }
}
