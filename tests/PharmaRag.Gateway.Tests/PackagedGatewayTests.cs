using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The Lambda package itself: deploy/package-gateway.sh's trimmed, ReadyToRun `pharmarag-gateway`
/// started as the package's bootstrap starts it, with the credentials in the environment as
/// Lambda sets them, in front of the fake ECS and ELB. Not part of ./test.sh: building the package
/// (trimming and ReadyToRun of the whole framework) took over 6 minutes on the shared development
/// machine, more than CI can spend on it. Run it after packaging (deploy/README.md):
/// deploy/package-gateway.sh x86_64 &amp;&amp; dotnet test tests/PharmaRag.Gateway.Tests -c Release --filter Category=LambdaPackage
/// </summary>
public sealed class PackagedGatewayTests
{
    public const string Category = "LambdaPackage";

    private const string SessionToken = "LambdaSessionTokenFromTheFunctionRole/////1234";

    [Fact]
    [Trait("Category", Category)]
    public async Task The_packaged_gateway_answers_health_issues_an_upload_url_and_queues_the_upload_and_an_s3_event()
    {
        var binary = Path.Combine(RepositoryRoot(), "deploy", "out", "gateway", "app", "pharmarag-gateway");
        Assert.True(File.Exists(binary), $"No {binary}: run deploy/package-gateway.sh x86_64 first.");
        await using var aws = await FakeAws.StartAsync();
        aws.RequiredSessionToken = SessionToken;
        using var data = new TempDirectory();
        var port = ChildProcess.FreePort();
        var settings = EcsSettings.For(aws, new Uri("http://127.0.0.1:9"))
            .Where(s => !s.Contains(":AccessKeyId=", StringComparison.Ordinal) && !s.Contains(":SecretAccessKey=", StringComparison.Ordinal));
        // The bootstrap's command line (deploy/package-gateway.sh), on a free port and a temporary data directory.
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--urls", $"http://127.0.0.1:{port}", "--data", data.Path, "--PharmaRag:Gateway:Compute=ecs" }
                     .Concat(settings).Append("--Logging:LogLevel:Default=Warning"))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = FakeAws.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = FakeAws.SecretAccessKey;
        start.Environment["AWS_SESSION_TOKEN"] = SessionToken;
        using var process = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            await Wait.UntilAsync(async () =>
            {
                Assert.False(process.HasExited, "The packaged gateway exited: " + string.Join('\n', log));
                try
                {
                    return (await client.GetAsync("/health")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the packaged gateway's /health");

            var health = (await client.GetFromJsonAsync<JsonObject>("/health"))!;
            Assert.Equal("ecs", (string?)health["compute"]!["mode"]);
            Assert.Equal("stopped", (string?)health["compute"]!["state"]); // a signed ListTasks answered, not "unknown: ..."
            Assert.Equal(0, (int)health["ecs_tasks"]!["total"]!);

            var presigned = (await client.GetFromJsonAsync<JsonObject>("/presigned-url?filename=label.pdf&content_type=application/pdf"))!;
            using var upload = new ByteArrayContent(TestPdf.Pages(["Dosage: 10 mg once daily."]));
            upload.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            var put = await client.PutAsync((string)presigned["url"]!, upload);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

            var notification = new JsonObject
            {
                ["Records"] = new JsonArray(new JsonObject
                {
                    ["eventSource"] = "aws:s3", ["eventName"] = "ObjectCreated:Put",
                    ["s3"] = new JsonObject { ["object"] = new JsonObject { ["key"] = (string)presigned["key"]! } },
                }),
            };
            var accepted = await client.PostAsJsonAsync("/events", notification);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.Contains((string)presigned["key"]!, await accepted.Content.ReadAsStringAsync());

            await Wait.UntilAsync(() => Task.FromResult(aws.Calls.Contains("ecs.UpdateService(1)")), "queued work to start compute");
            Assert.Empty(aws.Rejections); // signed with the environment's key and session token, by the trimmed SDK
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PharmaRag.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No PharmaRag.slnx above {AppContext.BaseDirectory}.");
    }
}
