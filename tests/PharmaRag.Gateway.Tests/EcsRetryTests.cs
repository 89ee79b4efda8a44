using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Gateway.Ecs;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The ECS client's retry against a fake ECS that throttles, with the backoff waited out on a
/// FakeTimeProvider (the gateway's clock) rather than in real time.
/// </summary>
public sealed class EcsRetryTests
{
    [Fact]
    public async Task Throttled_twice_the_gateway_backs_off_retries_and_starts_compute()
    {
        using var data = new TempDirectory();
        await using var aws = await FakeAws.StartAsync();
        await using var server = await InProcessServer.StartAsync(data.Path);
        using var gatewayData = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await InProcessGateway.StartAsync(gatewayData.Path, clock,
            [.. EcsSettings.For(aws, server.Client.BaseAddress!), "--PharmaRag:Gateway:IdleTimeoutSeconds=3600"]);
        aws.ThrottleNext(2);

        var query = gateway.Client.PostAsJsonAsync("/rag-query", new { query = "What is the dose?" });
        await BackoffClock.AdvanceUntilAsync(clock, () => query.IsCompleted || aws.Calls.Contains("ecs.UpdateService(1)"));
        using var response = await query;

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["answer"]);
        Assert.Equal(["DescribeServices", "DescribeServices"], aws.Throttled);
        Assert.Single(aws.Calls, c => c == "ecs.DescribeServices");
        Assert.Single(aws.Calls, c => c == "ecs.UpdateService(1)");
        Assert.Empty(aws.Rejections);
    }

    [Fact]
    public async Task Throttled_on_every_attempt_the_client_gets_a_problem_naming_the_throttling_not_the_exception()
    {
        await using var aws = await FakeAws.StartAsync();
        using var gatewayData = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await InProcessGateway.StartAsync(gatewayData.Path, clock,
            [.. EcsSettings.For(aws, new Uri("http://127.0.0.1:9")), "--PharmaRag:Gateway:IdleTimeoutSeconds=3600"]);
        aws.AlwaysThrottle = true;

        var query = gateway.Client.PostAsJsonAsync("/rag-query", new { query = "dose" });
        await BackoffClock.AdvanceUntilAsync(clock, () => query.IsCompleted);
        using var response = await query;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("throttled", problem);
        Assert.Contains("ThrottlingException", problem);
        Assert.DoesNotContain("Rate exceeded", problem); // AWS's message (the exception's text) stays in the log
        Assert.Equal(AwsRetry.MaxRetryAttempts + 1, aws.Throttled.Count); // bounded attempts
        Assert.DoesNotContain(aws.Calls, c => c.StartsWith("ecs.UpdateService", StringComparison.Ordinal));
    }
}
