using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// `pharmarag keys` and `pharmarag audit` against a data directory, before and while
/// `pharmarag serve` runs on it with authentication required.
/// </summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task Keys_made_by_the_command_line_work_at_once_on_a_running_server_and_revocation_takes_effect_at_once()
    {
        using var data = new TempDirectory();
        var created = await CliRun.RunAsync("keys", "create", "--data", data.Path, "--workspace", "team-a", "--role", "writer", "--name", "ci");
        Assert.True(created.ExitCode == 0, created.ToString());
        var writerKey = created.OutputLines[^1];
        Assert.Matches(new Regex("^prk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$"), writerKey);
        var writerId = writerKey[4..20];

        await using (var server = await ServerProcess.StartAsync(data.Path, "--PharmaRag:Auth:Mode=required"))
        {
            // A key created while the server runs (it shares the key store).
            var reader = await CliRun.RunAsync("keys", "create", "--data", data.Path, "--role", "reader");
            Assert.True(reader.ExitCode == 0, reader.ToString());
            var readerKey = reader.OutputLines[^1];

            Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/documents")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(server, writerKey, "/presigned-url?filename=a.txt")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(server, readerKey, "/documents")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Send(server, readerKey, "/presigned-url?filename=a.txt")).StatusCode);

            var list = await CliRun.RunAsync("keys", "list", "--data", data.Path, "--json");
            Assert.True(list.ExitCode == 0, list.ToString());
            var keys = JsonNode.Parse(list.Output)!.AsArray();
            Assert.Equal(2, keys.Count);
            Assert.Equal(("team-a", "writer", "ci"), ((string)keys[0]!["workspace"]!, (string)keys[0]!["role"]!, (string)keys[0]!["name"]!));
            Assert.DoesNotContain(writerKey[21..], list.Output);
            Assert.DoesNotContain(readerKey[21..], list.Output);

            var revoked = await CliRun.RunAsync("keys", "revoke", writerId, "--data", data.Path);
            Assert.True(revoked.ExitCode == 0, revoked.ToString());
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(server, writerKey, "/presigned-url?filename=a.txt")).StatusCode);
            var again = await CliRun.RunAsync("keys", "revoke", writerId, "--data", data.Path);
            Assert.NotEqual(0, again.ExitCode);
            Assert.Contains("already revoked", again.Error);
        }

        var audit = await CliRun.RunAsync("audit", "--data", data.Path, "--json", "--workspace", "team-a", "--since", "1h");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var events = JsonNode.Parse(audit.Output)!.AsArray();
        Assert.Contains(events, e => (string?)e!["key_id"] == writerId && (string)e["action"]! == "presign" && (int)e["status"]! == 200);
        Assert.All(events, e => Assert.Equal("team-a", (string)e!["workspace"]!));

        var byKey = await CliRun.RunAsync("audit", "--data", data.Path, "--json", "--key", writerId);
        Assert.Contains(JsonNode.Parse(byKey.Output)!.AsArray(), e => (int)e!["status"]! == 401);

        var table = await CliRun.RunAsync("audit", "--data", data.Path);
        Assert.Contains("presign", table.Output);

        var future = await CliRun.RunAsync("audit", "--data", data.Path, "--json", "--since", "2999-01-01T00:00Z");
        Assert.Equal("[]", future.Output.Trim());

        var wrong = await CliRun.RunAsync("audit", "--data", data.Path, "--since", "last tuesday");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("--since must be a time", wrong.Error);
    }

    private static Task<HttpResponseMessage> Send(ServerProcess server, string key, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return server.Client.SendAsync(request);
    }
}
