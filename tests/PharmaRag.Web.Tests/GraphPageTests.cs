using Microsoft.Playwright;

namespace PharmaRag.Web.Tests;

/// <summary>The graph view in real Chromium: search the label's drug, see its neighbourhood, expand, list sources.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphPageTests(BrowserFixture browser, LabelServerFixture label) : IClassFixture<LabelServerFixture>
{
    [Fact]
    public async Task Searching_the_labels_drug_shows_its_neighbourhood_and_the_passages_behind_a_node()
    {
        await using var session = await PageSession.OpenAsync(browser, label.Server, "graph", "#graph");
        var page = session.Page;
        await page.FillAsync("#entity-search", "ibuprofen");
        await page.PressAsync("#entity-search", "Enter");

        var canvas = page.Locator("#graph-canvas[data-nodes]");
        await canvas.WaitForAsync();
        await page.Locator("#graph-canvas canvas").First.WaitForAsync();
        await session.ScreenshotAsync("neighbourhood");
        var nodes = int.Parse((await canvas.GetAttributeAsync("data-nodes"))!);
        var edges = int.Parse((await canvas.GetAttributeAsync("data-edges"))!);
        Assert.True(nodes > 1, "The drug has no neighbours in view.");
        Assert.True(edges > 0, "No relation is drawn.");
        Assert.Equal(nodes, await page.Locator("#node-list button").CountAsync());
        await Assertions.Expect(page.Locator("#node-details h3")).ToHaveTextAsync("ibuprofen");
        await Assertions.Expect(page.Locator("#graph-legend li", new() { HasText = "drug" })).ToHaveCountAsync(1);

        // A node's supporting passages: file and page, and a way to check the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Supporting passages" }).ClickAsync();
        var source = page.Locator("#node-details .sources li.source").First;
        await source.WaitForAsync();
        Assert.Contains(SharedLabels.Ibuprofen, await source.InnerTextAsync());
        Assert.Matches(@"pages? \d+", await source.Locator(".passage-head").InnerTextAsync());
        await source.GetByRole(AriaRole.Button, new() { Name = "Check the page" }).ClickAsync();
        await page.Locator("#viewer-body[data-state='shown']").WaitForAsync();
        await session.ScreenshotAsync("sources");

        // Another node, then expand it: the graph grows (or stays, when all its neighbours are in view).
        var other = page.Locator("#node-list button:not([aria-pressed='true'])").First;
        var otherName = (await other.InnerTextAsync()).Split(' ')[0];
        await other.ClickAsync();
        await Assertions.Expect(page.Locator("#node-details h3")).ToContainTextAsync(otherName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Expand neighbours" }).ClickAsync();
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('#graph-canvas').dataset.nodes) >= {nodes}");
        await session.ScreenshotAsync("expanded");
        session.AssertClean();
    }
}
