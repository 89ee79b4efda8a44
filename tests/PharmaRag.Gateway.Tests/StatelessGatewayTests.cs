using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Access;
using PharmaRag.Gateway.Endpoints;
using PharmaRag.Server.Access;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The gateway as many short-lived instances that share no memory (as on Lambda): separate
/// gateway processes, killed with SIGKILL, in front of one ECS service whose task is a real server.
/// </summary>
public sealed class StatelessGatewayTests
{
    [Fact]
    public async Task A_query_accepted_with_202_by_one_gateway_process_is_answered_through_another()
    {
        await using var cluster = await StatelessCluster.StartAsync();
        var first = await cluster.StartGatewayProcessAsync(coldStartWaitSeconds: 0);

        var response = await first.Client.PostAsJsonAsync("/rag-query", new { query = "what is the maximum daily dose", mode = "naive" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/rag-query/{(string)accepted["query_id"]!}", location);
        await first.KillAsync(); // the instance that accepted the query is gone

        var second = await cluster.StartGatewayProcessAsync(coldStartWaitSeconds: 0);
        JsonObject? answer = null;
        await Wait.UntilAsync(async () =>
        {
            var poll = await second.Client.GetAsync(location);
            if (IsPollAgain(poll))
            {
                return false;
            }
            if (poll.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
            {
                Assert.Fail($"unexpected {(int)poll.StatusCode}: {await poll.Content.ReadAsStringAsync()}; gateway log: {string.Join(" | ", second.Output.TakeLast(40))}");
            }
            if (poll.StatusCode == HttpStatusCode.Accepted)
            {
                Assert.Equal(location, poll.Headers.Location!.ToString());
                return false;
            }
            answer = await poll.Content.ReadFromJsonAsync<JsonObject>();
            return true;
        }, "the other gateway to return the answer", 120);
        Assert.Equal("what is the maximum daily dose", (string?)answer!["query"]);
        Assert.Equal("naive", (string?)answer["mode"]);
        Assert.Equal(1, cluster.Tasks.StartedCount);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Client.GetAsync("/rag-query/0123456789abcdef0123456789abcdef")).StatusCode);
        Assert.Empty(cluster.Aws.Rejections);
    }

    [Fact]
    public async Task A_queued_query_is_answered_as_its_caller_and_only_to_that_caller()
    {
        // Compute requires API keys (as a task on a non-loopback address does). The server's inbox
        // poll runs on a clock this test drives, so the query waits in the inbox until released.
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await StatelessCluster.StartAsync(serverClock, AccessApi.RequireAuth);
        cluster.Tasks.Start();
        await Wait.UntilAsync(cluster.Tasks.IsHealthyAsync, "the task to be healthy");
        var (record, key) = ApiKeySecret.Create("clinical", ApiKeyRole.Reader, "test", DateTimeOffset.UtcNow);
        var server = await ((InProcessServerTasks)cluster.Tasks).ServicesAsync();
        await server.GetRequiredService<IApiKeyStore>().AddAsync(record, CancellationToken.None);
        await server.GetRequiredService<ApiKeyPublisher>().PublishAsync(CancellationToken.None); // for the gateway, as /keys does
        var (otherRecord, otherKey) = ApiKeySecret.Create("clinical", ApiKeyRole.Reader, "another reader", DateTimeOffset.UtcNow);
        await server.GetRequiredService<IApiKeyStore>().AddAsync(otherRecord, CancellationToken.None);
        await server.GetRequiredService<ApiKeyPublisher>().PublishAsync(CancellationToken.None);
        using var data = new TempDirectory();
        // A fresh instance with no cold-start wait queues its first query in the inbox.
        await using var gateway = await InProcessGateway.StartAsync(data.Path, cluster.GatewaySettings(coldStartWaitSeconds: 0));

        using var ask = new HttpRequestMessage(HttpMethod.Post, "/rag-query") { Content = JsonContent.Create(new { query = "dose", mode = "naive" }) };
        ask.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        ask.Headers.Add("X-Workspace", "clinical");
        var accepted = await gateway.Client.SendAsync(ask);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();

        HttpResponseMessage? answer = null;
        await Wait.UntilAsync(async () =>
        {
            serverClock.Advance(TimeSpan.FromSeconds(0.2)); // one inbox poll
            using var poll = new HttpRequestMessage(HttpMethod.Get, location);
            poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            answer = await gateway.Client.SendAsync(poll);
            return answer.StatusCode != HttpStatusCode.Accepted && !IsPollAgain(answer);
        }, "the queued query to be answered", 60);
        // Answered by the server as the key's holder, in the key's workspace (401/403 otherwise).
        var body = await answer!.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"unexpected {(int)answer.StatusCode}: {body}");
        Assert.Equal("dose", (string?)JsonNode.Parse(body)!["query"]);

        // Anyone else holding the id learns nothing: no answer, not even that the query exists
        // (another key of the same workspace, or the local user of this loopback-only gateway).
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync(location)).StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Get, location);
        other.Headers.Authorization = new AuthenticationHeaderValue("Bearer", otherKey);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.SendAsync(other)).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, location);
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "prk_someone_else");
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task A_poll_while_the_object_store_cannot_be_read_is_told_to_poll_again_and_nothing_leaks()
    {
        S3rver.UseCredentialsInThisProcess();
        var s3 = await S3rver.StartAsync();
        using var data = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(data.Path,
            [.. s3.Settings("pharmarag/"), "--PharmaRag:Gateway:Compute=always-on",
             "--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=offline"]);
        await s3.DisposeAsync(); // the bucket's server is gone

        var poll = await gateway.Client.GetAsync("/rag-query/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, poll.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(GatewayEndpoints.AnswerRetryAfterSeconds), poll.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", poll.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await poll.Content.ReadAsStringAsync())!;
        Assert.Equal("Answer not readable yet", (string?)problem["title"]);
        Assert.True(IsPollAgain(poll));
        // The client hears what to do, never the exception (the store's address, the SDK's words).
        Assert.DoesNotContain("127.0.0.1", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", problem.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A 503 with Retry-After: the gateway could not read the inbox just now (an S3-compatible
    /// server such as s3rver serves an object while it is being written), so the client polls again.
    /// </summary>
    private static bool IsPollAgain(HttpResponseMessage poll) =>
        poll.StatusCode == HttpStatusCode.ServiceUnavailable && poll.Headers.RetryAfter is not null;

    [Fact]
    public async Task An_event_accepted_by_a_gateway_process_that_is_then_killed_is_still_processed()
    {
        await using var cluster = await StatelessCluster.StartAsync();
        var first = await cluster.StartGatewayProcessAsync(coldStartWaitSeconds: 0);
        var pdf = TestPdf.Numbered(2, "tocilizumab");
        var presigned = (await first.Client.GetFromJsonAsync<JsonObject>("/presigned-url?filename=study.pdf&content_type=application/pdf"))!;
        using (var http = new HttpClient())
        using (var body = new ByteArrayContent(pdf))
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            Assert.Equal(HttpStatusCode.OK, (await http.PutAsync((string)presigned["url"]!, body)).StatusCode);
        }
        var notification = new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["eventSource"] = "aws:s3", ["eventName"] = "ObjectCreated:Put",
                ["s3"] = new JsonObject
                {
                    ["bucket"] = new JsonObject { ["name"] = cluster.S3.Bucket },
                    ["object"] = new JsonObject { ["key"] = StatelessCluster.Prefix + "uploads/study.pdf", ["size"] = pdf.Length },
                },
            }),
        }.ToJsonString();

        var accepted = await first.Client.PostAsync("/events", new StringContent(notification, Encoding.UTF8, "application/json"));
        await first.KillAsync();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(["uploads/study.pdf"], (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["queued"]!.AsArray().Select(k => (string)k!));
        var id = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var second = await cluster.StartGatewayProcessAsync(coldStartWaitSeconds: 60);
        string? status = null;
        await Wait.UntilAsync(async () =>
        {
            var document = await second.Client.GetAsync($"/documents/{id}");
            status = document.IsSuccessStatusCode ? (string?)(await document.Content.ReadFromJsonAsync<JsonObject>())!["status"] : null;
            return status is "processed" or "failed";
        }, "the event's upload to be processed", 120);
        Assert.Equal("processed", status);
        Assert.Equal(1, cluster.Tasks.StartedCount);
    }

    [Fact]
    public async Task Idle_stop_comes_from_a_scheduled_check_with_no_gateway_process_running()
    {
        // The task is the real server on a clock this test drives: the idle time it reports in
        // /health moves only when the test advances it, and the gateway compares that report with
        // its IdleTimeoutSeconds (no clock of the gateway's is involved).
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await StatelessCluster.StartAsync(serverClock);
        var gateway = await cluster.StartGatewayProcessAsync(coldStartWaitSeconds: 120);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/rag-query", new { query = "dose" })).StatusCode);
        await gateway.KillAsync(); // from here on no gateway process runs
        Assert.True(cluster.Aws.DesiredCount == 1, string.Join('\n', cluster.Aws.Calls) + "\n" + cluster.Tasks.Diagnostics);

        // A scheduled invocation is a fresh, short-lived gateway.
        using var data = new TempDirectory();
        await using var scheduled = await InProcessGateway.StartAsync(data.Path, cluster.GatewaySettings(coldStartWaitSeconds: 0, idleTimeoutSeconds: 60));
        Assert.Equal("kept", await ScheduledCheckAsync(scheduled));
        serverClock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("kept", await ScheduledCheckAsync(scheduled));

        // Another request resets the idle time the server reports: 59 s more is 118 s since the
        // first request but only 59 s since this one.
        Assert.Equal(HttpStatusCode.OK, (await cluster.Tasks.Client.PostAsJsonAsync(new Uri(cluster.Tasks.Address, "/rag-query"), new { query = "dose" })).StatusCode);
        serverClock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("kept", await ScheduledCheckAsync(scheduled));
        Assert.True(cluster.Tasks.IsAlive);
        Assert.Equal(1, cluster.Aws.DesiredCount);

        // Idle for the whole timeout since that request: scaled to 0, the task stops.
        serverClock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("stopped", await ScheduledCheckAsync(scheduled));
        Assert.Equal(0, cluster.Aws.DesiredCount);
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await cluster.Tasks.Client.GetAsync(new Uri(cluster.Tasks.Address, "/health"));
                return false;
            }
            catch (HttpRequestException)
            {
                return true; // nothing listens any more
            }
        }, "the task to stop", 30);
        Assert.Equal("none", await ScheduledCheckAsync(scheduled));
        Assert.Equal(1, cluster.Tasks.StartedCount);
        Assert.Empty(cluster.Aws.Rejections);
    }

    private static async Task<string> ScheduledCheckAsync(InProcessGateway gateway)
    {
        // The EventBridge scheduled event as the Lambda Web Adapter passes it through.
        var scheduledEvent = """{"version":"0","id":"e","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","region":"eu-west-1","resources":[],"detail":{}}""";
        var response = await gateway.Client.PostAsync("/events", new StringContent(scheduledEvent, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["action"]!;
    }
}
