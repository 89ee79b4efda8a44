using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.AI;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>Rate limits and server errors are retried, waiting what the server asks (within a bound).</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_delay()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.FailNext(1, 429, retryAfter: "2");
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments());

        var watch = Stopwatch.StartNew();
        var embeddings = await host.Get<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["hepatic impairment"]);

        Assert.Single(embeddings);
        var calls = fake.EmbeddingCalls.ToArray();
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(calls[1].At - calls[0].At).TotalSeconds:0.00} s");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_bound_waits_only_the_bound()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.FailNext(1, 429, retryAfter: "3600");
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:MaxRetryDelaySeconds=1"));

        var watch = Stopwatch.StartNew();
        var reply = await host.Get<IChatClient>().GetResponseAsync("ping");

        Assert.Equal("OK", reply.Text);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Server_errors_are_retried_and_give_up_after_the_configured_attempts()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.FailNext(3, 503, retryAfter: "0");
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:MaxRetries=2"));

        await Assert.ThrowsAnyAsync<Exception>(() => host.Get<IChatClient>().GetResponseAsync("ping"));

        Assert.Equal([503, 503, 503], fake.ChatCalls.Select(c => c.Status));
    }

    [Fact]
    public void Retry_After_is_read_as_seconds_as_a_date_and_as_milliseconds_and_bounded()
    {
        var now = DateTimeOffset.UtcNow;
        var max = TimeSpan.FromSeconds(30);
        var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(20).ToString("R"));
        var ms = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        ms.Headers.TryAddWithoutValidation("retry-after-ms", "1500");
        var huge = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        huge.Headers.TryAddWithoutValidation("Retry-After", "86400");

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterDelay.From(seconds, max, now));
        Assert.InRange(RetryAfterDelay.From(date, max, now)!.Value, TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryAfterDelay.From(ms, max, now));
        Assert.Equal(max, RetryAfterDelay.From(huge, max, now));
        Assert.Null(RetryAfterDelay.From(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), max, now));
    }
}
