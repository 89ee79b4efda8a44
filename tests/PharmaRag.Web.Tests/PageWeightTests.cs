using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace PharmaRag.Web.Tests;

/// <summary>
/// What a first visit costs: the bytes transferred with the browser cache disabled (the graph and
/// PDF libraries load only when first used), written with the load times to page-weight.txt beside
/// the screenshots. Times are reported, never asserted.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWeightTests(BrowserFixture browser, LabelServerFixture label) : IClassFixture<LabelServerFixture>
{
    private const int FirstLoadBudgetBytes = 150 * 1024;
    private const int Loads = 5;

    [Fact]
    public async Task The_first_load_is_small_and_loads_no_library_before_it_is_needed()
    {
        var report = new List<string>();
        var readyTimes = new List<double>();
        var listedTimes = new List<double>();
        long firstLoadBytes = 0;
        for (var i = 0; i < Loads; i++)
        {
            var page = await browser.Context.NewPageAsync();
            try
            {
                var cdp = await browser.Context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Network.enable");
                await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
                // Bytes on the wire per finished request (headers and body as sent).
                var transferred = new ConcurrentDictionary<IRequest, long>();
                var urls = new ConcurrentQueue<string>();
                page.Request += (_, r) => urls.Enqueue(new Uri(r.Url).AbsolutePath);
                page.RequestFinished += async (_, r) =>
                {
                    var sizes = await r.SizesAsync();
                    transferred[r] = sizes.ResponseBodySize + sizes.ResponseHeadersSize;
                };
                // The PDF worker's script is fetched by the worker thread, which the page's accounting
                // misses: it is counted as the same request over HTTP with the browser's encodings.
                async Task<long> WorkerBytesAsync()
                {
                    using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None });
                    http.DefaultRequestHeaders.Add("Accept-Encoding", "gzip, deflate, br, zstd");
                    var response = await http.GetAsync(new Uri(label.Server.Address, "/vendor/pdf.worker.min.mjs"));
                    return (await response.Content.ReadAsByteArrayAsync()).LongLength + response.Headers.ToString().Length + response.Content.Headers.ToString().Length;
                }

                await page.GotoAsync(label.Server.Address.ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
                await page.WaitForSelectorAsync("body[data-listed-at]");
                readyTimes.Add(double.Parse((await page.GetAttributeAsync("body", "data-ready-at"))!, CultureInfo.InvariantCulture));
                listedTimes.Add(double.Parse((await page.GetAttributeAsync("body", "data-listed-at"))!, CultureInfo.InvariantCulture));
                Assert.DoesNotContain(urls, u => u.StartsWith("/vendor/", StringComparison.Ordinal));
                firstLoadBytes = transferred.Values.Sum();
                if (i == 0)
                {
                    report.Add($"first load: {urls.Count} requests, {firstLoadBytes / 1024.0:F1} KB transferred (cache disabled): {string.Join(" ", urls.Distinct())}");
                    long before = transferred.Values.Sum();
                    await page.GotoAsync(new Uri(label.Server.Address, "/#graph").ToString());
                    await page.FillAsync("#entity-search", "ibuprofen");
                    await page.PressAsync("#entity-search", "Enter");
                    await page.Locator("#graph-canvas[data-nodes]").WaitForAsync();
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    report.Add($"graph view, first search: +{(transferred.Values.Sum() - before) / 1024.0:F1} KB (cytoscape and the API calls)");
                    before = transferred.Values.Sum();
                    await page.GotoAsync(new Uri(label.Server.Address, "/#ask").ToString());
                    await page.FillAsync("#question", "What is the maximum daily dose of ibuprofen?");
                    await page.ClickAsync("#ask-button");
                    await page.Locator("#answer a.cite").First.ClickAsync();
                    await page.Locator("#viewer-body[data-state='shown']").WaitForAsync();
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    var worker = transferred.Any(p => p.Key.Url.EndsWith("/pdf.worker.min.mjs", StringComparison.Ordinal) && p.Value > 1024) ? 0 : await WorkerBytesAsync();
                    report.Add($"first citation opened: +{(transferred.Values.Sum() + worker - before) / 1024.0:F1} KB (pdf.js, its worker {worker / 1024.0:F1} KB, the PDF and the answer): "
                        + string.Join(" ", urls.Distinct().Where(u => u.StartsWith("/vendor/", StringComparison.Ordinal) || u.EndsWith("/file", StringComparison.Ordinal))));
                }
            }
            finally
            {
                await page.CloseAsync();
            }
        }
        readyTimes.Sort();
        listedTimes.Sort();
        report.Add($"page interactive (modules run, handlers attached), ms since navigation start over {Loads} cold loads: "
            + $"median {readyTimes[Loads / 2]}, min {readyTimes[0]}, max {readyTimes[^1]}");
        report.Add($"document list shown, ms since navigation start: median {listedTimes[Loads / 2]}, min {listedTimes[0]}, max {listedTimes[^1]}");
        await File.WriteAllLinesAsync(Path.Combine(BrowserFixture.ScreenshotDirectory, "page-weight.txt"), report);
        Assert.InRange(firstLoadBytes, 1, FirstLoadBudgetBytes);
    }
}
