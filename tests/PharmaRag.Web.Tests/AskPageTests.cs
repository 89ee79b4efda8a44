using Microsoft.Playwright;

namespace PharmaRag.Web.Tests;

/// <summary>Asking in real Chromium: the streamed answer, its citation links, and the cited page beside it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AskPageTests(BrowserFixture browser, LabelServerFixture label) : IClassFixture<LabelServerFixture>
{
    private const string Question = "What is the maximum daily dose of ibuprofen for pain?";

    [Fact]
    public async Task A_streamed_answer_links_every_citation_and_the_first_opens_the_cited_page()
    {
        await using var session = await PageSession.OpenAsync(browser, label.Server, "ask", "#ask");
        var page = session.Page;
        Assert.Equal("mix", await page.InputValueAsync("#mode"));

        await page.FillAsync("#question", Question);
        await session.ScreenshotAsync("question");
        await page.ClickAsync("#ask-button");
        var answer = page.Locator("#answer[data-state='done']");
        await answer.WaitForAsync();
        await session.ScreenshotAsync("answer");

        // It came as a stream: the passages first, then the text, then the final answer.
        Assert.Matches("^cd+f$", await page.GetAttributeAsync("#answer", "data-events"));
        Assert.Equal(1, session.CountRequests("POST", "/rag-query/stream"));
        var citations = page.Locator("#answer a.cite");
        var count = await citations.CountAsync();
        Assert.True(count > 0, "The answer has no citation link.");
        var markers = System.Text.RegularExpressions.Regex.Matches(await page.InnerTextAsync("#answer"), @"\[\d+(:[^\]]*)?\]").Count;
        Assert.Equal(markers, count);

        var first = citations.First;
        var number = await first.GetAttributeAsync("data-n");
        var passage = page.Locator($"#passage-{number}");
        var passageText = (await passage.Locator(".passage-text").InnerTextAsync()).Trim();
        var passagePage = int.Parse(System.Text.RegularExpressions.Regex.Match(await passage.Locator(".passage-head").InnerTextAsync(), @"page (\d+)").Groups[1].Value);
        await first.ClickAsync();

        var viewer = page.Locator("#viewer-body[data-state='shown']");
        await viewer.WaitForAsync();
        await session.ScreenshotAsync("cited-page");
        Assert.Equal(passagePage.ToString(), await viewer.GetAttributeAsync("data-page"));
        Assert.Equal(passagePage.ToString(), await page.GetAttributeAsync("#viewer-body .pdf-page", "data-page"));
        // The page shown is the PDF's own page (its text layer), and the cited words are marked on it.
        var hits = page.Locator("#viewer-body .textLayer span.hit");
        Assert.True(await hits.CountAsync() > 0, "No part of the cited passage is highlighted on the page.");
        var marked = string.Join(" ", await hits.AllInnerTextsAsync());
        var firstWord = passageText.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        Assert.Contains(firstWord, marked, StringComparison.OrdinalIgnoreCase);
        Assert.True(await hits.First.IsVisibleAsync());
        Assert.Contains(passageText, await page.InnerTextAsync("#viewer-passage"));
        Assert.True(await CanvasHasInkAsync(page), "The PDF page was not drawn.");
        session.AssertClean();
    }

    [Fact]
    public async Task The_keyboard_alone_asks_a_question_scoped_to_a_selected_document()
    {
        await using var session = await PageSession.OpenAsync(browser, label.Server, "keyboard");
        var page = session.Page;
        var checkbox = page.GetByRole(AriaRole.Checkbox, new() { Name = $"Ask about {SharedLabels.Ibuprofen}" });
        await checkbox.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        Assert.True(await checkbox.IsCheckedAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Ask" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#question").FocusAsync();
        await page.Keyboard.TypeAsync(Question);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("mode", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.IsCheckedAsync("#scope"));
        await Assertions.Expect(page.Locator("#scope-label")).ToHaveTextAsync("Only the selected documents (1 selected)");
        await session.ScreenshotAsync("focus");

        var request = page.WaitForRequestAsync(r => r.Url.EndsWith("/rag-query/stream", StringComparison.Ordinal));
        await page.Locator("#question").FocusAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        var sent = System.Text.Json.Nodes.JsonNode.Parse((await request).PostData!)!;
        Assert.Equal(label.DocumentId, (string)sent["document_ids"]![0]!);
        Assert.Equal("mix", (string)sent["mode"]!);
        await page.Locator("#answer[data-state='done']").WaitForAsync();
        await page.Locator("#answer a.cite").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#viewer-body[data-state='shown']").WaitForAsync();
        session.AssertClean();
    }

    [Fact]
    public async Task The_views_fit_a_phone_and_200_percent_zoom_without_sideways_scrolling()
    {
        await using var session = await PageSession.OpenAsync(browser, label.Server, "layout");
        var page = session.Page;
        // 200% zoom of a 1280x800 window lays the page out in 640x400 CSS pixels; a phone is about 390 wide.
        foreach (var (width, height, name) in new[] { (640, 400, "zoom200"), (390, 844, "phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync(new Uri(label.Server.Address, "/#documents").ToString());
            await page.Locator("#documents-body tr").First.WaitForAsync();
            await session.ScreenshotAsync($"{name}-documents", fullPage: true);
            Assert.True(await FitsWidthAsync(page), $"The documents view scrolls sideways at {width} px.");

            await page.GotoAsync(new Uri(label.Server.Address, "/#ask").ToString());
            await page.FillAsync("#question", Question);
            await page.ClickAsync("#ask-button");
            await page.Locator("#answer[data-state='done']").WaitForAsync();
            await page.Locator("#answer a.cite").First.ClickAsync();
            await page.Locator("#viewer-body[data-state='shown']").WaitForAsync();
            await session.ScreenshotAsync($"{name}-ask", fullPage: true);
            Assert.True(await FitsWidthAsync(page), $"The ask view scrolls sideways at {width} px.");
        }
        session.AssertClean();
    }

    private static Task<bool> FitsWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1");

    /// <summary>Whether the rendered page canvas holds dark pixels (text), not only white.</summary>
    internal static Task<bool> CanvasHasInkAsync(IPage page) => page.EvaluateAsync<bool>(
        """
        () => {
          const canvas = document.querySelector('#viewer-body canvas');
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let dark = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] < 100 && data[i + 1] < 100 && data[i + 2] < 100 && data[i + 3] > 0) dark++;
          }
          return dark > 500;
        }
        """);
}
