using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PharmaRag.Web.Tests;

/// <summary>
/// One tab on the page of a server: records every request the page sends (so a test can show that
/// nothing was sent), refuses any request that leaves the machine (no CDN), keeps script errors,
/// and saves named screenshots under the test output folder.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly string _testName;
    private int _shots;

    private PageSession(IPage page, string testName)
    {
        Page = page;
        _testName = testName;
    }

    public IPage Page { get; }

    public ConcurrentQueue<(string Method, string Url)> Requests { get; } = new();

    public ConcurrentQueue<string> OffMachineRequests { get; } = new();

    public ConcurrentQueue<string> ScriptErrors { get; } = new();

    public static Task<PageSession> OpenAsync(BrowserFixture browser, WebServer server, string testName, string fragment = "") =>
        OpenAsync(browser, server.Address, testName, fragment);

    /// <summary>The page as served at <paramref name="address"/> (the server's, or the gateway's).</summary>
    public static async Task<PageSession> OpenAsync(BrowserFixture browser, Uri address, string testName, string fragment = "")
    {
        var page = await browser.Context.NewPageAsync();
        var session = new PageSession(page, testName);
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && !url.IsLoopback)
            {
                session.OffMachineRequests.Enqueue(route.Request.Url);
                await route.AbortAsync();
                return;
            }
            await route.ContinueAsync();
        });
        page.Request += (_, request) => session.Requests.Enqueue((request.Method, new Uri(request.Url).PathAndQuery));
        page.PageError += (_, error) => session.ScriptErrors.Enqueue(error);
        page.Console += (_, message) =>
        {
            // A refused request (a 4xx the page handles) is logged by the browser, not by our script.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                session.ScriptErrors.Enqueue(message.Text);
            }
        };
        await page.GotoAsync(new Uri(address, "/" + fragment).ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']");
        return session;
    }

    public int CountRequests(string method, string pathPrefix) =>
        Requests.Count(r => r.Method == method && r.Url.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async Task ScreenshotAsync(string step, bool fullPage = false)
    {
        var name = $"{_testName}-{++_shots:00}-{step}.png";
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = fullPage });
    }

    /// <summary>The page kept to our own server and ran without script errors.</summary>
    public void AssertClean()
    {
        Assert.True(OffMachineRequests.IsEmpty, "The page sent requests off the machine: " + string.Join(", ", OffMachineRequests));
        Assert.True(ScriptErrors.IsEmpty, "The page's script failed: " + string.Join(" | ", ScriptErrors));
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
