using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>Scale to zero on one machine: compute is a child process started on demand and stopped when idle.</summary>
public sealed class LocalProcessComputeTests
{
    private static readonly string[] FiveSecondIdle =
        ["--PharmaRag:Gateway:Compute=local-process", "--PharmaRag:Gateway:IdleTimeoutSeconds=5"];

    [Fact]
    public async Task Upload_is_processed_then_compute_stops_and_a_cold_query_starts_it_again_with_a_cited_answer()
    {
        using var data = new TempDirectory();
        // This test is about the synchronous answer after a cold start (the 202 path has its own test),
        // so the gateway may wait for compute as long as a loaded CI machine needs to start it.
        await using var gateway = await InProcessGateway.StartAsync(data.Path,
            [.. FiveSecondIdle, "--PharmaRag:Gateway:ColdStartWaitSeconds=90"]);
        Assert.Equal(0, (int)(await gateway.HealthAsync())["ecs_tasks"]!["running"]!);

        // Upload through the gateway: presigned URL, PUT; the event starts compute and processes it.
        var presigned = (await gateway.Client.GetFromJsonAsync<JsonObject>("/presigned-url?filename=label.pdf"))!;
        var pdf = TestPdf.Pages(["1 INDICATIONS", "Veltorin is indicated for chronic migraine in adults."],
            ["2 DOSAGE", "The recommended dose of Veltorin is 40 mg every 12 weeks."]);
        var put = await gateway.Client.PutAsync((string)presigned["url"]!, new ByteArrayContent(pdf));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var id = (string)JsonNode.Parse(await put.Content.ReadAsStringAsync())!["sha256"]!;
        await Wait.UntilAsync(async () =>
        {
            var document = await gateway.Client.GetAsync($"/documents/{id}");
            return document.IsSuccessStatusCode
                && (string?)JsonNode.Parse(await document.Content.ReadAsStringAsync())!["status"] == "processed";
        }, "the upload to be processed");
        var firstPid = Assert.Single(await gateway.ComputePidsAsync());

        // Nothing to do for 5 s: compute stops by itself and the process is gone.
        await Wait.UntilAsync(async () => (int)(await gateway.HealthAsync())["ecs_tasks"]!["running"]! == 0, "compute to stop", 40);
        await Wait.UntilAsync(() => Task.FromResult(!Wait.ProcessExists(firstPid)), "the server process to exit", 20);

        // A query from zero starts compute again and gets a cited answer.
        var response = await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "What is the recommended dose of Veltorin?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("40 mg every 12 weeks", (string)answer["answer"]!);
        Assert.Equal(2, (int)answer["citations"]![0]!["page"]!);
        var health = await gateway.HealthAsync();
        Assert.Equal(1, (int)health["ecs_tasks"]!["running"]!);
        var secondPid = Assert.Single(await gateway.ComputePidsAsync());
        Assert.NotEqual(firstPid, secondPid);

        await Wait.UntilAsync(async () => (int)(await gateway.HealthAsync())["ecs_tasks"]!["running"]! == 0, "compute to stop again", 40);
        await Wait.UntilAsync(() => Task.FromResult(!Wait.ProcessExists(secondPid)), "the second server process to exit", 20);
    }

    [Fact]
    public async Task Twenty_concurrent_cold_queries_start_compute_once_and_are_all_answered()
    {
        using var data = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(data.Path, FiveSecondIdle);
        var startsBefore = (int)(await gateway.HealthAsync())["compute"]!["starts"]!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            gateway.Client.PostAsJsonAsync("/rag-query", new { query = $"question number {i} about dosing" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var health = await gateway.HealthAsync();
        Assert.Equal(startsBefore + 1, (int)health["compute"]!["starts"]!);
        Assert.Single(await gateway.ComputePidsAsync());
    }

    [Fact]
    public async Task A_killed_server_is_restarted_by_the_next_query()
    {
        using var data = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(data.Path, FiveSecondIdle);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "warm up" })).StatusCode);
        var pid = Assert.Single(await gateway.ComputePidsAsync());

        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        var response = await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "after the crash" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newPid = Assert.Single(await gateway.ComputePidsAsync());
        Assert.NotEqual(pid, newPid);
        Assert.Equal(2, (int)(await gateway.HealthAsync())["compute"]!["starts"]!);
    }

    [Fact]
    public async Task Stopping_the_gateway_stops_its_compute()
    {
        using var data = new TempDirectory();
        var gateway = await InProcessGateway.StartAsync(data.Path, FiveSecondIdle);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "start" })).StatusCode);
        var pid = Assert.Single(await gateway.ComputePidsAsync());

        await gateway.DisposeAsync();

        Assert.False(Wait.ProcessExists(pid), "the server process must not outlive its gateway");
    }

    [Fact]
    public async Task A_query_that_outlives_the_cold_start_wait_gets_202_and_its_answer_later()
    {
        using var data = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(data.Path, [.. FiveSecondIdle, "--PharmaRag:Gateway:ColdStartWaitSeconds=0"]);

        var response = await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "what is the dose" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var statusUrl = (string)accepted["status_url"]!;
        Assert.Equal($"/rag-query/{(string)accepted["query_id"]!}", statusUrl);
        JsonNode? answer = null;
        await Wait.UntilAsync(async () =>
        {
            var poll = await gateway.Client.GetAsync(statusUrl);
            if (poll.StatusCode == HttpStatusCode.OK)
            {
                answer = JsonNode.Parse(await poll.Content.ReadAsStringAsync());
                return true;
            }
            Assert.Equal(HttpStatusCode.Accepted, poll.StatusCode);
            return false;
        }, "the accepted query's answer");
        // The relayed body is the server's answer to this very query (nothing is indexed, so it says so).
        Assert.Equal("what is the dose", (string)answer!["query"]!);
        Assert.StartsWith("No passage", (string)answer["answer"]!);
        Assert.Empty(answer["citations"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/rag-query/unknown")).StatusCode);
    }

    [Fact]
    public async Task An_s3_object_created_event_processes_the_object()
    {
        using var data = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(data.Path, FiveSecondIdle);
        // The object arrives by another path (as an S3 upload would); only the event tells the gateway.
        var objects = Path.Combine(data.Path, "objects", "uploads");
        Directory.CreateDirectory(objects);
        await File.WriteAllBytesAsync(Path.Combine(objects, "study report.pdf"), TestPdf.Numbered(2, "tocilizumab"));
        var s3Event = """{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"uploads/study+report.pdf","size":1}}}]}""";

        var accepted = await gateway.Client.PostAsync("/events/object-created", new StringContent(s3Event, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Wait.UntilAsync(async () =>
        {
            var list = await gateway.Client.GetAsync("/documents");
            var documents = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray();
            return documents.Any(d => (string)d!["filename"]! == "study report.pdf" && (string)d["status"]! == "processed");
        }, "the event's object to be processed");

        var malformed = await gateway.Client.PostAsync("/events/object-created", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var empty = await gateway.Client.PostAsync("/events/object-created", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}
