using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace PharmaRag.Web.Tests;

/// <summary>For a source that is not a PDF, a citation shows the passage marked in the text around it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SourceContextTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_citation_of_a_markdown_file_shows_the_passage_in_its_context()
    {
        await using var server = await WebServer.StartAsync();
        var text = new StringBuilder("# Warfarin dosing guide\n\n");
        text.AppendLine("Warfarin is an oral anticoagulant used to prevent thrombosis and embolism.\n");
        text.AppendLine("The usual starting dose of warfarin is 2 to 5 mg once daily, adjusted to the INR.\n");
        text.AppendLine("Bleeding is the most common adverse reaction; monitor the INR at least monthly.\n");
        var id = await server.UploadAsync("warfarin-guide.md", Encoding.UTF8.GetBytes(text.ToString()), "text/markdown");
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.PostAsJsonAsync("/process", new { key = "uploads/warfarin-guide.md" })).StatusCode);
        Assert.Equal("processed", (string)(await server.WaitForFinalStatusAsync(id))["status"]!);

        await using var session = await PageSession.OpenAsync(browser, server, "text-source", "#ask");
        var page = session.Page;
        await page.FillAsync("#question", "What is the starting dose of warfarin?");
        await page.ClickAsync("#ask-button");
        await page.Locator("#answer[data-state='done']").WaitForAsync();
        var first = page.Locator("#answer a.cite").First;
        var passage = (await page.Locator($"#passage-{await first.GetAttributeAsync("data-n")} .passage-text").InnerTextAsync()).Trim();
        await first.ClickAsync();

        await page.Locator("#viewer-body[data-state='shown']").WaitForAsync();
        await session.ScreenshotAsync("context");
        var marked = (await page.Locator("#viewer-body .text-context mark").InnerTextAsync()).Trim();
        var context = await page.Locator("#viewer-body .text-context").InnerTextAsync();
        Assert.StartsWith(passage.Split(' ')[0], marked, StringComparison.Ordinal);
        Assert.Contains(passage[..Math.Min(30, passage.Length)], marked, StringComparison.Ordinal);
        Assert.True(context.Length > marked.Length, "The passage is shown without its context.");
        Assert.Contains("Warfarin", context, StringComparison.Ordinal);
        session.AssertClean();
    }
}
