using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>The ECS controller against a fake that speaks the ECS and ELB wire protocols and checks SigV4.</summary>
public sealed class EcsComputeTests
{
    private static string[] EcsSettings(FakeAws aws, Uri serverUrl, string secret = FakeAws.SecretAccessKey) =>
        Tests.EcsSettings.For(aws, serverUrl, secret);

    [Fact]
    public async Task A_cold_query_scales_the_service_up_waits_for_a_healthy_target_and_idle_scales_it_down()
    {
        using var data = new TempDirectory();
        await using var aws = await FakeAws.StartAsync();
        // A real PharmaRag server plays the task the fake ECS service runs behind the ALB.
        await using var server = await InProcessServer.StartAsync(data.Path);
        using var gatewayData = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(gatewayData.Path, EcsSettings(aws, server.Client.BaseAddress!));
        Assert.Equal(0, (int)(await gateway.HealthAsync())["ecs_tasks"]!["total"]!);

        var response = await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "What is the dose?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["answer"]);
        var calls = aws.Calls.ToArray();
        var describe = Array.IndexOf(calls, "ecs.DescribeServices");
        Assert.True(describe >= 0);
        Assert.Equal("ecs.UpdateService(1)", calls[describe + 1]);
        // Traffic went to compute only after the load balancer reported a healthy target (third poll).
        Assert.True(calls.Skip(describe + 2).Count(c => c == "elb.DescribeTargetHealth") >= 3);
        var health = await gateway.HealthAsync();
        Assert.Equal(1, (int)health["ecs_tasks"]!["running"]!);
        Assert.StartsWith("arn:aws:ecs:", (string)health["ecs_tasks"]!["task_arns"]![0]!);

        await Wait.UntilAsync(() => Task.FromResult(aws.Calls.Contains("ecs.UpdateService(0)")), "idle scale-down", 30);
        Assert.Equal(0, (int)(await gateway.HealthAsync())["ecs_tasks"]!["total"]!);
        Assert.Empty(aws.Rejections);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_by_signature_and_reported_not_hidden()
    {
        using var data = new TempDirectory();
        await using var aws = await FakeAws.StartAsync();
        using var gatewayData = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(
            gatewayData.Path, EcsSettings(aws, new Uri("http://127.0.0.1:9"), secret: "not-the-secret"));

        var response = await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "dose" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("InvalidSignatureException", problem);
        Assert.NotEmpty(aws.Rejections);
        // AWS's code and what to check reach the client; the exception's message (AWS's text) does not.
        Assert.DoesNotContain(aws.Rejections.First(), problem);
        Assert.Contains("credentials", problem);
        Assert.DoesNotContain(aws.Calls, c => c.StartsWith("ecs.UpdateService", StringComparison.Ordinal));
        var health = await gateway.HealthAsync();
        var state = (string)health["compute"]!["state"]!;
        Assert.StartsWith("unknown: ", state);
        Assert.Contains("InvalidSignatureException", state);
        Assert.DoesNotContain(aws.Rejections.First(), state);
    }
}
