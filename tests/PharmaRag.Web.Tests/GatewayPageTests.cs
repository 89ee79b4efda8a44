using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmaRag.Gateway.Hosting;
using PharmaRag.Testing;

namespace PharmaRag.Web.Tests;

/// <summary>The gateway serves the same page; loading it does not start compute.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GatewayPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_gateway_serves_the_page_and_its_libraries_without_starting_compute()
    {
        using var data = new TempDirectory();
        await using var app = PharmaRagGateway.Build(new GatewaySettings("http://127.0.0.1:0", data.Path,
            ["--PharmaRag:Gateway:Compute=local-process", "--Logging:LogLevel:Default=Warning"]));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        using var client = new HttpClient { BaseAddress = address };

        var index = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'self'", string.Join(",", index.Headers.GetValues("Content-Security-Policy")));
        foreach (var asset in new[] { "/js/main.js", "/app.css", "/vendor/cytoscape.esm.min.mjs", "/vendor/pdf.min.mjs", "/vendor/pdf.worker.min.mjs" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset)).StatusCode);
        }

        var page = await browser.Context.NewPageAsync();
        try
        {
            await page.GotoAsync(address.ToString());
            await Assertions.Expect(page.Locator("[data-health='compute']")).ToHaveTextAsync("Compute: stopped (local-process)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "gateway-01-page.png") });
        }
        finally
        {
            await page.CloseAsync();
        }
        var health = (await client.GetFromJsonAsync<JsonObject>("/health"))!;
        Assert.Equal(0, (int)health["compute"]!["starts"]!);
        await app.StopAsync();
    }
}
