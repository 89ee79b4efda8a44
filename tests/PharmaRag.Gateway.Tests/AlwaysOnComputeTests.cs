using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

public sealed class AlwaysOnComputeTests
{
    [Fact]
    public async Task Always_on_compute_runs_in_the_gateway_process_from_the_start_and_never_idles_out()
    {
        using var data = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await InProcessGateway.StartAsync(data.Path, clock,
            "--PharmaRag:Gateway:Compute=always-on", "--PharmaRag:Gateway:IdleTimeoutSeconds=1");

        var health = await gateway.HealthAsync();
        Assert.Equal(1, (int)health["ecs_tasks"]!["running"]!);
        Assert.Equal($"always-on:{Environment.MachineName}/{Environment.ProcessId}", (string)health["ecs_tasks"]!["task_arns"]![0]!);

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "dose" })).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(10)); // ten idle timeouts on the gateway's clock
        var check = await gateway.Client.PostAsync("/events", new StringContent(
            """{"source":"aws.events","detail-type":"Scheduled Event","detail":{}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("kept", (string)(await check.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["action"]!);
        Assert.Equal(1, (int)(await gateway.HealthAsync())["ecs_tasks"]!["running"]!);
        Assert.Equal(1, (int)(await gateway.HealthAsync())["compute"]!["starts"]!);
    }
}
