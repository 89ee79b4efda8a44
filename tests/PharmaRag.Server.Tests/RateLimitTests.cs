using System.Net;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Access;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>Per-key rate limits: 429 with Retry-After and a problem naming the settings; windows on a fake clock.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_Retry_After_until_the_window_ends_and_other_keys_are_unaffected()
    {
        using var data = new TempDirectory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await InProcessServer.StartAsync(data.Path, clock,
            AccessApi.RequireAuth, "--PharmaRag:RateLimits:RequestsPerWindow=3", "--PharmaRag:RateLimits:WindowSeconds=60");
        using var first = server.As(await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Reader));
        using var second = server.As(await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Reader));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/documents")).StatusCode);
        }
        var refused = await first.PostAsync("/search", new StringContent("""{"query":"dose"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("PharmaRag:RateLimits:RequestsPerWindow", await refused.Content.ReadAsStringAsync());

        // Another key, and /health, have their own allowance.
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/documents")).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/health")).StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(45));
        var stillRefused = await first.GetAsync("/documents");
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(15), stillRefused.Headers.RetryAfter?.Delta);

        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/documents")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_limit_setting_stops_start_up_naming_the_setting()
    {
        using var data = new TempDirectory();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => InProcessServer.StartAsync(data.Path, "--PharmaRag:RateLimits:WindowSeconds=0"));
        Assert.Contains("PharmaRag:RateLimits:WindowSeconds", error.Message);
    }
}
