using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Access;
using PharmaRag.Server.Access;
using PharmaRag.Server.Tests;
using PharmaRag.Storage.S3.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The routes the gateway answers itself (presigned URLs, local uploads, queued queries) check
/// the caller while compute is stopped: API keys against the directory the server publishes to
/// the object store, and the upload URL is bound to the caller's workspace. Real gateway, real
/// server (as the ECS task, or always-on), s3rver as the bucket, over real HTTP.
/// </summary>
public sealed class GatewayAuthenticationTests
{
    [Fact]
    public async Task With_S3_the_gateway_refuses_strangers_and_readers_and_a_writers_upload_lands_in_its_own_workspace_only()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await StatelessCluster.StartAsync(serverClock, AccessApi.RequireAuth);
        cluster.Tasks.Start();
        await Wait.UntilAsync(cluster.Tasks.IsHealthyAsync, "the task to be healthy");
        var admin = await AddAdminKeyAsync(await ((InProcessServerTasks)cluster.Tasks).ServicesAsync());
        // Keys made over the server's /keys route, which publishes them for the gateway.
        var writerA = await CreateKeyAsync(cluster.Tasks.Client, cluster.Tasks.Address, admin, "alpha", "writer");
        var readerA = await CreateKeyAsync(cluster.Tasks.Client, cluster.Tasks.Address, admin, "alpha", "reader");
        var writerB = await CreateKeyAsync(cluster.Tasks.Client, cluster.Tasks.Address, admin, "beta", "writer");
        using var data = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(
            data.Path, new FakeTimeProvider(DateTimeOffset.UtcNow), [.. cluster.GatewaySettings(coldStartWaitSeconds: 0), AccessApi.RequireAuth]);
        var http = gateway.Client;

        // No key, a malformed or an unknown key: 401 with a problem detail, on every kind of route.
        foreach (var key in new string?[] { null, "not-a-key", "prk_0123456789abcdef_unknownsecretunknownsecretunknown" })
        {
            foreach (var (method, path) in new[] { ("GET", "/presigned-url?filename=a.pdf"), ("POST", "/rag-query"), ("GET", "/rag-query/0123456789abcdef0123456789abcdef"), ("GET", "/documents") })
            {
                using var refused = await http.SendAsync(Request(method, path, key, method == "POST" ? new { query = "dose" } : null));
                Assert.True(HttpStatusCode.Unauthorized == refused.StatusCode, $"{method} {path} with {key ?? "no key"}: {refused.StatusCode}");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            }
        }
        // A secret that does not match its key id is refused as well (constant-time hash compare).
        var forged = writerA[..^4] + "AAAA";
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Request("GET", "/presigned-url?filename=a.pdf", forged))).StatusCode);

        // A reader may not upload; a writer may not presign into another workspace.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Request("GET", "/presigned-url?filename=a.pdf", readerA))).StatusCode);
        var elsewhere = Request("GET", "/presigned-url?filename=a.pdf", writerA);
        elsewhere.Headers.Add("X-Workspace", "beta");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(elsewhere)).StatusCode);

        // A writer of alpha gets an S3 URL whose signed key is under alpha's prefix.
        var presigned = await (await http.SendAsync(Request("GET", "/presigned-url?filename=label.pdf&content_type=application%2Fpdf", writerA))).JsonAsync();
        var url = new Uri((string)presigned["url"]!);
        Assert.StartsWith($"/{cluster.S3.Bucket}/{StatelessCluster.Prefix}workspaces/alpha/uploads/label.pdf", url.AbsolutePath, StringComparison.Ordinal);
        var pdfHeaders = new Dictionary<string, string> { ["content-type"] = "application/pdf" };
        Assert.Null(PresignedUrlVerifier.Verify("PUT", url, pdfHeaders, S3rver.SecretAccessKey, DateTimeOffset.UtcNow));
        // The workspace is covered by the signature: the same URL pointed at beta's prefix is refused by S3.
        var intoBeta = new Uri(url.ToString().Replace("/workspaces/alpha/", "/workspaces/beta/", StringComparison.Ordinal));
        Assert.Equal("SignatureDoesNotMatch", PresignedUrlVerifier.Verify("PUT", intoBeta, pdfHeaders, S3rver.SecretAccessKey, DateTimeOffset.UtcNow));

        var pdf = TestPdf.Numbered(2, "tocilizumab");
        using (var upload = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await upload.PutAsync(url, Pdf(pdf))).StatusCode);
        }
        // S3's notification names the bucket key; the gateway queues it for alpha.
        var accepted = await http.PostAsync("/events", new StringContent(Notification(cluster.S3.Bucket, url), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(["workspaces/alpha/uploads/label.pdf"], (await accepted.JsonAsync())["queued"]!.AsArray().Select(k => (string)k!));

        var id = Convert.ToHexStringLower(SHA256.HashData(pdf));
        string? status = null;
        await Wait.UntilAsync(async () =>
        {
            serverClock.Advance(TimeSpan.FromSeconds(0.5)); // the server's inbox poll and job wake-ups
            using var document = await http.SendAsync(Request("GET", $"/documents/{id}", writerA));
            status = document.IsSuccessStatusCode ? (string?)(await document.JsonAsync())["status"] : null;
            return status is "processed" or "failed";
        }, "the upload to be processed in alpha", 120);
        Assert.Equal("processed", status);

        // Invisible from beta, through the gateway: neither the document nor its text.
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(Request("GET", $"/documents/{id}", writerB))).StatusCode);
        var listB = await (await http.SendAsync(Request("GET", "/documents", writerB))).Content.ReadAsStringAsync();
        Assert.DoesNotContain(id, listB, StringComparison.Ordinal);
        var listA = await (await http.SendAsync(Request("GET", "/documents", readerA))).Content.ReadAsStringAsync();
        Assert.Contains(id, listA, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_by_the_gateway_once_its_cached_key_directory_expires()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await StatelessCluster.StartAsync(serverClock, AccessApi.RequireAuth);
        cluster.Tasks.Start();
        await Wait.UntilAsync(cluster.Tasks.IsHealthyAsync, "the task to be healthy");
        var admin = await AddAdminKeyAsync(await ((InProcessServerTasks)cluster.Tasks).ServicesAsync());
        var writer = await CreateKeyAsync(cluster.Tasks.Client, cluster.Tasks.Address, admin, "alpha", "writer");
        var gatewayClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var data = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(
            data.Path, gatewayClock, [.. cluster.GatewaySettings(coldStartWaitSeconds: 0), AccessApi.RequireAuth, "--PharmaRag:Gateway:KeyCacheSeconds=30"]);
        var presign = () => gateway.Client.SendAsync(Request("GET", "/presigned-url?filename=a.pdf", writer));

        Assert.Equal(HttpStatusCode.OK, (await presign()).StatusCode); // the directory is read now
        using (var revoke = Request("DELETE", $"/keys/{writer[4..20]}", admin))
        {
            revoke.RequestUri = new Uri(cluster.Tasks.Address, revoke.RequestUri!.ToString());
            Assert.Equal(HttpStatusCode.NoContent, (await cluster.Tasks.Client.SendAsync(revoke)).StatusCode);
        }
        // Within the cache period the gateway still holds the directory it read (the documented bound)...
        gatewayClock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await presign()).StatusCode);
        // ...and refuses the key from then on.
        gatewayClock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await presign()).StatusCode);
        gatewayClock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await presign()).StatusCode);
    }

    [Fact]
    public async Task Without_a_published_key_directory_a_gateway_that_requires_keys_refuses_every_key()
    {
        await using var cluster = await StatelessCluster.StartAsync();
        using var data = new TempDirectory();
        // Nothing was ever published under this prefix (the server never ran), so nothing verifies.
        var settings = cluster.GatewaySettings(coldStartWaitSeconds: 0)
            .Select(s => s.Replace($"Prefix={StatelessCluster.Prefix}", "Prefix=unpublished/", StringComparison.Ordinal)).ToArray();
        await using var gateway = await InProcessGateway.StartAsync(data.Path, [.. settings, AccessApi.RequireAuth]);
        var (_, key) = ApiKeySecret.Create("alpha", ApiKeyRole.Admin, "test", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.SendAsync(Request("GET", "/presigned-url?filename=a.pdf", key))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.SendAsync(Request("GET", "/presigned-url?filename=a.pdf", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.SendAsync(Request("POST", "/rag-query", key, new { query = "dose" }))).StatusCode);
        Assert.Equal(0, cluster.Tasks.StartedCount); // refused before compute was asked to start
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task With_keys_required_the_adapter_pass_through_refuses_callers_from_another_machine()
    {
        await using var cluster = await StatelessCluster.StartAsync();
        using var data = new TempDirectory();
        // This machine's own network address: the caller is not on loopback, as a caller from elsewhere would not be.
        var address = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
        await using var gateway = await InProcessGateway.StartOnAsync(
            $"http://{address}:0", data.Path, null, [.. cluster.GatewaySettings(coldStartWaitSeconds: 0), AccessApi.RequireAuth]);

        var scheduled = new StringContent("""{"source":"aws.events","detail-type":"Scheduled Event"}""", Encoding.UTF8, "application/json");
        using var refused = await gateway.Client.PostAsync("/events", scheduled);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("/events/object-created", (string)(await refused.JsonAsync())["detail"]!);
        Assert.Equal(0, cluster.Tasks.StartedCount);
    }

    [Fact]
    public async Task With_the_local_store_a_presigned_url_issued_for_one_workspace_cannot_write_into_another()
    {
        using var data = new TempDirectory();
        string writerA, writerB, readerA;
        await using (var server = await InProcessServer.StartAsync(data.Path, AccessApi.RequireAuth))
        {
            writerA = await server.CreateKeyAsync("alpha", ApiKeyRole.Writer);
            writerB = await server.CreateKeyAsync("beta", ApiKeyRole.Writer);
            readerA = await server.CreateKeyAsync("alpha", ApiKeyRole.Reader);
        }
        // The gateway runs the server in its own process over the same data directory; the server
        // publishes the key directory as it starts.
        await using var gateway = await InProcessGateway.StartAsync(data.Path,
            "--PharmaRag:Gateway:Compute=always-on", AccessApi.RequireAuth, "--PharmaRag:Inbox:PollSeconds=0.2");
        var http = gateway.Client;
        await Wait.UntilAsync(async () => (await http.SendAsync(Request("GET", "/presigned-url?filename=a.pdf", writerB))).StatusCode == HttpStatusCode.OK,
            "the server to publish its keys", 60);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Request("GET", "/presigned-url?filename=a.pdf", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Request("GET", "/presigned-url?filename=a.pdf", readerA))).StatusCode);

        var presigned = await (await http.SendAsync(Request("GET", "/presigned-url?filename=label.pdf&content_type=application%2Fpdf", writerA))).JsonAsync();
        var url = (string)presigned["url"]!;
        Assert.Contains("workspace=alpha", url, StringComparison.Ordinal);
        var pdf = TestPdf.Numbered(2, "tocilizumab");

        // The same signature presented for beta, or for the default workspace, is refused.
        using (var anonymous = new HttpClient())
        {
            var intoBeta = await anonymous.PutAsync(url.Replace("workspace=alpha", "workspace=beta", StringComparison.Ordinal), Pdf(pdf));
            Assert.Equal(HttpStatusCode.Forbidden, intoBeta.StatusCode);
            var intoDefault = await anonymous.PutAsync(url.Replace("&workspace=alpha", "", StringComparison.Ordinal), Pdf(pdf));
            Assert.Equal(HttpStatusCode.Forbidden, intoDefault.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PutAsync(url, Pdf(pdf))).StatusCode);
        }
        Assert.False(Directory.Exists(Path.Combine(data.Path, "workspaces", "beta", "objects", "uploads")));
        Assert.True(File.Exists(Path.Combine(data.Path, "workspaces", "alpha", "objects", "uploads", "label.pdf")));

        var id = Convert.ToHexStringLower(SHA256.HashData(pdf));
        string? status = null;
        await Wait.UntilAsync(async () =>
        {
            using var document = await http.SendAsync(Request("GET", $"/documents/{id}", writerA));
            status = document.IsSuccessStatusCode ? (string?)(await document.JsonAsync())["status"] : null;
            return status is "processed" or "failed";
        }, "the upload to be processed in alpha", 120);
        Assert.Equal("processed", status);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(Request("GET", $"/documents/{id}", writerB))).StatusCode);
    }

    private static async Task<string> AddAdminKeyAsync(IServiceProvider server)
    {
        var (record, key) = ApiKeySecret.Create(Workspace.Default, ApiKeyRole.Admin, "test admin", DateTimeOffset.UtcNow);
        await server.GetRequiredService<IApiKeyStore>().AddAsync(record, CancellationToken.None);
        await server.GetRequiredService<ApiKeyPublisher>().PublishAsync(CancellationToken.None);
        return key;
    }

    private static async Task<string> CreateKeyAsync(HttpClient http, Uri server, string admin, string workspace, string role)
    {
        using var request = Request("POST", "/keys", admin, new { workspace, role, name = "test" });
        request.RequestUri = new Uri(server, "/keys");
        using var created = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.JsonAsync())["secret"]!;
    }

    private static HttpRequestMessage Request(string method, string path, string? key, object? json = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }
        return request;
    }

    private static ByteArrayContent Pdf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private static string Notification(string bucket, Uri url)
    {
        var key = Uri.UnescapeDataString(url.AbsolutePath[(bucket.Length + 2)..]);
        return new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["eventSource"] = "aws:s3", ["eventName"] = "ObjectCreated:Put",
                ["s3"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = bucket }, ["object"] = new JsonObject { ["key"] = key } },
            }),
        }.ToJsonString();
    }
}
