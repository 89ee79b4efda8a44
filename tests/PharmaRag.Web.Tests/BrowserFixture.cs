using Microsoft.Playwright;
using PharmaRag.Testing;

namespace PharmaRag.Web.Tests;

/// <summary>
/// Debian's headless Chromium driven by Playwright (no browser download: the executable is
/// /usr/bin/chromium, which ./test.sh installs), with a fresh profile and no background traffic.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] LaunchArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly TempDirectory _profile = new();
    private IPlaywright? _playwright;

    public IBrowserContext Context { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does) and run again.");
        }
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = LaunchArgs,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            AcceptDownloads = false,
        });
        Context.SetDefaultTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright?.Dispose();
        _profile.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
