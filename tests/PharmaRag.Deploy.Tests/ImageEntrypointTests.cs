using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Deploy.Tests;

/// <summary>
/// No image can be built here, so the test runs what the image runs: the published output,
/// started with the Dockerfile's own entrypoint, environment and non-root user, writing only
/// where the image lets that user write (the EFS mount and /tmp).
/// </summary>
public sealed class ImageEntrypointTests
{
    private const string ImageApp = "/app";
    private const string ImageEfs = "/mnt/efs";
    private const string ImageTmp = "/tmp";

    [Fact]
    public void The_dockerfile_is_multi_stage_non_root_on_port_8000_with_a_health_check_and_ocr()
    {
        var image = DockerfileImage.Load();

        Assert.True(image.Stages >= 2);
        Assert.Matches("^[1-9][0-9]*(:[1-9][0-9]*)?$", image.User);
        Assert.Equal(["8000"], image.Exposed);
        Assert.Contains("http://127.0.0.1:8000/health", image.HealthCheck);
        Assert.Equal(ImageEfs, image.Environment["EFS_MOUNT_PATH"]);
        Assert.Contains("tesseract-ocr", image.RunCommands, StringComparison.Ordinal);
        Assert.Contains("poppler-utils", image.RunCommands, StringComparison.Ordinal);
        Assert.Contains($"chown {image.User!.Split(':')[0]}", image.RunCommands, StringComparison.Ordinal);
        Assert.Equal(["dotnet", $"{ImageApp}/pharmarag.dll", "serve", "--urls", "http://0.0.0.0:8000"], image.Entrypoint);
        Assert.Equal(["dotnet", "publish", "src/PharmaRag.Cli/PharmaRag.Cli.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-o", ImageApp, "--nologo"], image.Publish);
    }

    [Fact]
    public async Task The_published_output_run_as_the_image_entrypoint_processes_a_label_and_answers_with_citations()
    {
        var image = DockerfileImage.Load();
        using var root = new TempDirectory();
        var app = Path.Combine(root.Path, "app");
        var efs = Path.Combine(root.Path, "efs");
        var tmp = Path.Combine(root.Path, "tmp");
        await PublishAsync(image, app);
        // Linux x64, framework-dependent: no other platform's native libraries in the image.
        Assert.False(Directory.Exists(Path.Combine(app, "runtimes")));
        Assert.True(File.Exists(Path.Combine(app, "libe_sqlite3.so")));
        Assert.False(File.Exists(Path.Combine(app, "System.Private.CoreLib.dll")));
        var (uid, gid) = ParseUser(image.User!);
        foreach (var writable in new[] { efs, tmp })
        {
            Directory.CreateDirectory(writable);
            ChangeOwner(writable, uid, gid);
        }

        var port = FreePort();
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = app };
        var command = image.Entrypoint.Select(a => a.Replace(ImageApp + "/", app + "/", StringComparison.Ordinal)
            .Replace("http://0.0.0.0:8000", $"http://127.0.0.1:{port}", StringComparison.Ordinal)).ToList();
        if (Environment.UserName == "root")
        {
            // As the image's USER: the server can write only to the EFS mount and /tmp.
            command.InsertRange(0, ["setpriv", $"--reuid={uid}", $"--regid={gid}", "--clear-groups", "--"]);
        }
        start.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = "/nonexistent";
        foreach (var (name, value) in image.Environment)
        {
            start.Environment[name] = value switch { ImageEfs => efs, ImageTmp => tmp, _ => value };
        }
        using var server = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await UntilAsync(async () => (await TryGetAsync(client, "/health")) == HttpStatusCode.OK, "the server's /health", server, log);

            // The image's own HEALTHCHECK command passes against it.
            var health = Process.Start(image.HealthCheck[0], image.HealthCheck.Skip(1).Select(a => a.Replace(":8000/", $":{port}/", StringComparison.Ordinal)))!;
            await health.WaitForExitAsync();
            Assert.Equal(0, health.ExitCode);
            Assert.True(File.Exists(Path.Combine(efs, "rag_output", "pharmarag.db")) || Directory.EnumerateFiles(Path.Combine(efs, "rag_output"), "*.db").Any(),
                "the data directory is $EFS_MOUNT_PATH/rag_output");

            var label = await File.ReadAllBytesAsync(BenchFiles.Label("fda_warfarin_highlights_2022.pdf"));
            var presigned = (await client.GetFromJsonAsync<JsonObject>("/presigned-url?filename=warfarin.pdf&content_type=application/pdf"))!;
            using (var body = new ByteArrayContent(label))
            {
                body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                Assert.Equal(HttpStatusCode.OK, (await client.PutAsync((string)presigned["url"]!, body)).StatusCode);
            }
            var id = Convert.ToHexStringLower(SHA256.HashData(label));
            string? status = null;
            await UntilAsync(async () =>
            {
                var document = await client.GetFromJsonAsync<JsonObject>($"/documents/{id}");
                status = (string?)document?["status"];
                return status is "processed" or "failed";
            }, "the label to be processed", server, log);
            Assert.Equal("processed", status);

            var answer = await client.PostAsJsonAsync("/rag-query", new { query = "What is warfarin indicated for?" });
            var result = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("warfarin.pdf", (string?)result["citations"]![0]!["filename"]);
            Assert.Contains("[1", (string)result["answer"]!, StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
    }

    /// <summary>The Dockerfile's own publish command, run from the repository root (the build stage's /src), into <paramref name="output"/>.</summary>
    private static async Task PublishAsync(DockerfileImage image, string output)
    {
        var arguments = image.Publish.ToArray();
        var target = Array.IndexOf(arguments, "-o") + 1;
        Assert.True(target > 0 && arguments[target] == ImageApp, "The Dockerfile publishes into /app with -o.");
        arguments[target] = output;
        var start = new ProcessStartInfo(arguments[0])
        {
            WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(DockerfileImage.PathInRepository)!, "..")),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments[1..])
        {
            start.ArgumentList.Add(argument);
        }
        var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed: {await stdout}{await stderr}");
    }

    private static (int Uid, int Gid) ParseUser(string user)
    {
        var parts = user.Split(':');
        return (int.Parse(parts[0]), int.Parse(parts.Length > 1 ? parts[1] : parts[0]));
    }

    private static void ChangeOwner(string path, int uid, int gid)
    {
        if (Environment.UserName == "root")
        {
            using var chown = Process.Start("chown", [$"{uid}:{gid}", path])!;
            chown.WaitForExit();
        }
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            return (await client.GetAsync(path)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, Process server, IEnumerable<string> log)
    {
        for (var attempt = 0; attempt < 1800; attempt++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The server exited ({server.ExitCode}) while waiting for {what}:\n{string.Join('\n', log)}");
            }
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out waiting for {what}:\n{string.Join('\n', log)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
