using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// The record of a mutating request is in the audit log before its response is sent: a server
/// killed with SIGKILL right after answering still has it when it starts again.
/// </summary>
public sealed class AuditDurabilityTests
{
    [Fact]
    public async Task A_delete_and_a_burst_of_process_requests_answered_just_before_a_SIGKILL_are_in_the_audit_log_after_restart()
    {
        using var data = new TempDirectory();
        string id;
        int deleteStatus;
        await using (var server = await ServerProcess.StartAsync(data.Path))
        {
            id = await server.Client.UploadAsync("audited.pdf", TestPdf.Numbered(2, "apixaban"));
            await server.Client.WaitForFinalStatusAsync(id);

            // A burst of mutating requests, then the delete; SIGKILL as soon as its answer is in.
            var burst = await Task.WhenAll(Enumerable.Range(0, 25).Select(n =>
                server.Client.PostAsJsonAsync("/process", new { key = $"uploads/missing-{n}.pdf" })));
            Assert.All(burst, r => Assert.Equal(System.Net.HttpStatusCode.NotFound, r.StatusCode));
            using var deleted = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/documents/{id}"), HttpCompletionOption.ResponseHeadersRead);
            deleteStatus = (int)deleted.StatusCode;
            await server.KillAsync();
        }
        Assert.InRange(deleteStatus, 200, 299);

        await using (var restarted = await ServerProcess.StartAsync(data.Path))
        {
            var audit = await CliRun.RunAsync("audit", "--data", data.Path, "--json", "--since", "1h");
            Assert.True(audit.ExitCode == 0, audit.ToString());
            var events = JsonNode.Parse(audit.Output)!.AsArray().Select(e => e!.AsObject()).ToArray();
            Assert.Contains(events, e => (string)e["action"]! == "delete" && (string?)e["target"] == id && (int)e["status"]! == deleteStatus);
            Assert.Equal(25, events.Count(e => (string)e["action"]! == "process" && (int)e["status"]! == 404
                && ((string?)e["target"])?.StartsWith("uploads/missing-", StringComparison.Ordinal) == true));
            Assert.Contains(events, e => (string)e["action"]! == "upload" && (string?)e["target"] == "uploads/audited.pdf");
        }
    }
}
