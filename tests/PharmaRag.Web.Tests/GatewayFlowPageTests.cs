using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmaRag.Cli.Compute;
using PharmaRag.Core.Access;
using PharmaRag.Gateway.Hosting;
using PharmaRag.Testing;

namespace PharmaRag.Web.Tests;

/// <summary>
/// The page's whole flow in real Chromium through the gateway (its presigned upload, the
/// object-created event, the forwarded list and the streamed answer), and against a server that
/// requires API keys, using the page's API key field.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GatewayFlowPageTests(BrowserFixture browser)
{
    private const string Question = "What is the maximum daily dose of ibuprofen for pain?";

    [Fact]
    public async Task Through_the_gateway_a_label_uploaded_on_the_page_is_processed_and_a_question_gets_a_streamed_cited_answer()
    {
        using var data = new TempDirectory();
        string[] args = ["--PharmaRag:Gateway:Compute=always-on", "--PharmaRag:Inbox:PollSeconds=0.2",
            "--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=offline", "--Logging:LogLevel:Default=Warning"];
        await using var gateway = PharmaRagGateway.Build(new GatewaySettings("http://127.0.0.1:0", data.Path, args)
        {
            AlwaysOnCompute = AlwaysOnComputeController.Factory(args),
        });
        await gateway.StartAsync();
        var address = new Uri(gateway.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        await using var session = await PageSession.OpenAsync(browser, address, "gateway-flow");
        var page = session.Page;
        await page.SetInputFilesAsync("#file-input", SharedLabels.PathOf(SharedLabels.Ibuprofen));
        await page.Locator("#documents-body tr", new() { HasText = SharedLabels.Ibuprofen }).WaitForAsync();
        await session.ScreenshotAsync("uploaded");
        await page.Locator("#documents-body tr[data-status='processed']", new() { HasText = SharedLabels.Ibuprofen })
            .WaitForAsync(new() { Timeout = 180_000 });
        await session.ScreenshotAsync("processed");
        // The page used the gateway's own routes: its presigned URL and its local PUT.
        Assert.Equal(1, session.CountRequests("GET", "/presigned-url?"));
        Assert.Equal(1, session.CountRequests("PUT", "/objects/uploads/"));

        await page.ClickAsync("#tab-ask");
        await page.FillAsync("#question", Question);
        await page.ClickAsync("#ask-button");
        await page.Locator("#answer[data-state='done']").WaitForAsync(new() { Timeout = 120_000 });
        await session.ScreenshotAsync("answer");
        // Streamed through the gateway: the passages, then text deltas, then the final answer.
        Assert.Matches("^cd+f$", await page.GetAttributeAsync("#answer", "data-events"));
        Assert.Equal(1, session.CountRequests("POST", "/rag-query/stream"));
        Assert.True(await page.Locator("#answer a.cite").CountAsync() > 0, "The answer has no citation link.");
        Assert.Contains(SharedLabels.Ibuprofen, await page.InnerTextAsync("#passages"));
        session.AssertClean();
        await gateway.StopAsync();
    }

    [Fact]
    public async Task Against_a_server_that_requires_keys_the_page_says_a_key_is_needed_and_works_with_a_writer_key()
    {
        await using var server = await WebServer.StartAsync("--PharmaRag:Auth:Mode=required");
        var (record, writerKey) = ApiKeySecret.Create(Workspace.Default, ApiKeyRole.Writer, "page", DateTimeOffset.UtcNow);
        await server.Services.GetRequiredService<IApiKeyStore>().AddAsync(record, CancellationToken.None);

        await using var session = await PageSession.OpenAsync(browser, server, "api-key");
        var page = session.Page;
        // Without a key: a clear message where the list would be, naming what to do.
        var listError = page.Locator("#documents-error");
        await Assertions.Expect(listError).ToBeVisibleAsync();
        await Assertions.Expect(listError).ToContainTextAsync("needs an API key (401)");
        await Assertions.Expect(listError).ToContainTextAsync("API key");
        await session.ScreenshotAsync("no-key");

        // A wrong key is refused with its own message; then the writer key.
        await page.ClickAsync("details.api-key summary");
        await page.FillAsync("#api-key", "prk_0123456789abcdef_wrongwrongwrongwrongwrongwrongwrongwrongwro");
        await page.ClickAsync("#api-key-form button[type='submit']");
        await Assertions.Expect(listError).ToContainTextAsync("refused the API key (401)", new() { Timeout = 30_000 });
        await page.FillAsync("#api-key", writerKey);
        await page.ClickAsync("#api-key-form button[type='submit']");
        await Assertions.Expect(listError).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await session.ScreenshotAsync("key-saved");

        await page.SetInputFilesAsync("#file-input", SharedLabels.PathOf(SharedLabels.Ibuprofen));
        await page.Locator("#documents-body tr[data-status='processed']", new() { HasText = SharedLabels.Ibuprofen })
            .WaitForAsync(new() { Timeout = 180_000 });
        await session.ScreenshotAsync("processed");

        await page.ClickAsync("#tab-ask");
        await page.FillAsync("#question", Question);
        await page.ClickAsync("#ask-button");
        await page.Locator("#answer[data-state='done']").WaitForAsync(new() { Timeout = 120_000 });
        await session.ScreenshotAsync("answer");
        Assert.True(await page.Locator("#answer a.cite").CountAsync() > 0, "The answer has no citation link.");

        // Every call the page made carried the key: the server saw the uploads as the key's.
        using var check = new HttpRequestMessage(HttpMethod.Get, "/documents");
        check.Headers.Authorization = new AuthenticationHeaderValue("Bearer", writerKey);
        var documents = JsonNode.Parse(await (await server.Client.SendAsync(check)).Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal("processed", (string)Assert.Single(documents)!["status"]!);
        session.AssertClean();
    }
}
