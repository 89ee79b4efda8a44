using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PharmaRag.Core.Access;
using PharmaRag.Storage.Sqlite;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// Two workspaces holding a label of the same name: neither can read, replace, process or
/// delete the other's document through any route, presigned URLs included, and answers in one
/// never cite the other. The audit log records who did what, without any text.
/// </summary>
public sealed class WorkspaceIsolationTests
{
    private const string SigningKey = "c2lnbmluZy1rZXktZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg=";
    private const string Question = "What is the recommended dose of zyloxamab for adults?";

    private static byte[] Label(string dose, string marker) => TestPdf.Pages(new[]
    {
        "ZYLOXA (zyloxamab) injection: prescribing information",
        $"DOSAGE AND ADMINISTRATION: The recommended dose of zyloxamab for adults is {dose}.",
        $"Zyloxamab is studied in trial {marker} for rheumatoid arthritis.",
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_writer_of_one_workspace_cannot_reach_the_other_through_any_route(bool configuredSigningKey)
    {
        using var data = new TempDirectory();
        string[] settings = configuredSigningKey ? [AccessApi.RequireAuth, $"--PharmaRag:Uploads:SigningKey={SigningKey}"] : [AccessApi.RequireAuth];
        await using (var server = await InProcessServer.StartAsync(data.Path, settings))
        {
            using var a = server.As(await server.CreateKeyAsync("team-a", ApiKeyRole.Writer));
            using var b = server.As(await server.CreateKeyAsync("team-b", ApiKeyRole.Writer));
            using var readerA = server.As(await server.CreateKeyAsync("team-a", ApiKeyRole.Reader));
            using var admin = server.As(await server.CreateKeyAsync(Workspace.Default, ApiKeyRole.Admin));
            var bytesB = Label("80 mg twice daily", "BRAVO-7");
            var idA = await a.UploadAsync("label.pdf", Label("10 mg once daily", "ALPHA-3"));
            var idB = await b.UploadAsync("label.pdf", bytesB);
            Assert.Equal("processed", (string)(await a.WaitForFinalStatusAsync(idA))["status"]!);
            var processedB = await b.WaitForFinalStatusAsync(idB);
            Assert.Equal("processed", (string)processedB["status"]!);

            // Each workspace lists only its own document; the other's id is unknown there.
            Assert.Equal([idA], await IdsAsync(a));
            Assert.Equal([idB], await IdsAsync(b));
            foreach (var path in new[] { $"/documents/{idB}", $"/documents/{idB}/file" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(path)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.NotFound, (await a.DeleteAsync($"/documents/{idB}")).StatusCode);

            // Naming the other workspace is refused on every route.
            foreach (var path in new[] { "/documents", $"/documents/{idB}", $"/documents/{idB}/file", "/presigned-url?filename=label.pdf" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-Workspace", "team-b");
                Assert.Equal(HttpStatusCode.Forbidden, (await a.SendAsync(request)).StatusCode);
                var separator = path.Contains('?') ? '&' : '?';
                Assert.Equal(HttpStatusCode.Forbidden, (await a.GetAsync($"{path}{separator}workspace=team-b")).StatusCode);
            }
            Assert.Equal(HttpStatusCode.Forbidden, (await a.DeleteAsync($"/documents/{idB}?workspace=team-b")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden,
                (await a.PostAsJsonAsync("/process?workspace=team-b", new { key = "uploads/label.pdf", force = true })).StatusCode);

            // A presigned URL issued for A writes nowhere else, whatever its workspace says.
            var url = (string)(await a.PresignAsync("label.pdf"))["url"]!;
            Assert.Contains("workspace=team-a", url);
            var intruder = Label("999 mg", "INTRUDER-1");
            foreach (var forged in new[] { url.Replace("workspace=team-a", "workspace=team-b"), url.Replace("&workspace=team-a", ""), url.Replace("workspace=team-a", "workspace=team-c") })
            {
                using var anonymous = server.As(null);
                Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PutAsync(forged, intruder)).StatusCode);
            }
            Assert.False(Directory.Exists(Path.Combine(data.Path, "workspaces", "team-c")));

            // /process in A processes A's own object of that key, never B's.
            var processed = await a.PostAsJsonAsync("/process", new { key = "uploads/label.pdf", force = true });
            Assert.True(processed.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK);
            Assert.Equal(idA, (string)(await processed.JsonAsync())["document"]!["id"]!);
            await a.WaitForFinalStatusAsync(idA);

            // B's document is untouched: same id, same chunks, same bytes.
            var afterB = await b.DocumentAsync(idB);
            Assert.Equal(((string)processedB["status"]!, (int)processedB["chunks"]!), ((string)afterB["status"]!, (int)afterB["chunks"]!));
            Assert.Equal(bytesB, await b.GetByteArrayAsync($"/documents/{idB}/file"));
            Assert.Equal([idB], await IdsAsync(b));

            // Answers, search hits and graph passages in A come from A only, and the reverse.
            await AssertOnlyOwnAsync(readerA, idA, "10 mg", "80 mg", "BRAVO");
            await AssertOnlyOwnAsync(b, idB, "80 mg", "10 mg", "ALPHA");

            // An admin chooses the workspace.
            using var adminB = new HttpRequestMessage(HttpMethod.Get, "/documents");
            adminB.Headers.Add("X-Workspace", "team-b");
            var adminList = (await (await admin.SendAsync(adminB)).Content.ReadFromJsonAsync<JsonArray>())!;
            Assert.Equal([idB], adminList.Select(d => (string)d!["id"]!));

            // A deletes its own document; B's stays.
            Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"/documents/{idA}")).StatusCode);
            Assert.Empty(await IdsAsync(a));
            Assert.Equal([idB], await IdsAsync(b));
        }

        // The audit log (read after the server has stopped and written everything) says who did
        // what in which workspace, and holds no question or document text.
        var events = await new SqliteAuditLog(new SqliteDatabase(Path.Combine(data.Path, SqliteStorageServiceCollectionExtensions.FileName)))
            .QueryAsync(new AuditQuery(), CancellationToken.None);
        SqliteConnection.ClearAllPools();
        Assert.Contains(events, e => e is { Action: "upload", Workspace: "team-a", Status: 200, Target: "uploads/label.pdf" });
        Assert.Contains(events, e => e is { Action: "upload", Workspace: "team-b", Status: 200 });
        Assert.Contains(events, e => e is { Action: "upload", Status: 403 });
        Assert.Contains(events, e => e is { Action: "process", Workspace: "team-a", Target: "uploads/label.pdf" } && e.KeyId != null);
        Assert.Contains(events, e => e is { Action: "delete", Workspace: "team-a", Status: 404 } && e.Target != null);
        Assert.Contains(events, e => e is { Action: "delete", Workspace: "team-a", Status: 204 } && e.KeyId != null);
        Assert.Contains(events, e => e is { Action: "query", Workspace: "team-b", Status: 200 });
        Assert.Contains(events, e => e is { Action: "list", Status: 403 });
        var raw = string.Join("\n", events.Select(e => e.ToString()));
        Assert.DoesNotContain("recommended", raw);
        Assert.DoesNotContain("ALPHA", raw);
    }

    private static async Task AssertOnlyOwnAsync(HttpClient client, string ownId, string ownDose, string otherDose, string otherMarker)
    {
        var answer = await client.AskAsync(Question);
        var citations = answer["citations"]!.AsArray();
        Assert.NotEmpty(citations);
        Assert.All(citations, c => Assert.Equal(ownId, (string)c!["document_id"]!));
        Assert.Contains(ownDose, (string)answer["answer"]!);
        Assert.DoesNotContain(otherDose, answer.ToJsonString());
        Assert.DoesNotContain(otherMarker, answer.ToJsonString());

        var hits = await client.SearchAsync("zyloxamab dose trial");
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(ownId, (string)h!["document_id"]!));

        var entities = (await client.GetFromJsonAsync<JsonArray>("/graph/entities?search=zyloxamab"))!;
        Assert.NotEmpty(entities);
        foreach (var entity in entities)
        {
            var passages = (await client.GetFromJsonAsync<JsonArray>($"/graph/entities/{Uri.EscapeDataString((string)entity!["id"]!)}/chunks"))!;
            Assert.All(passages, p => Assert.Equal(ownId, (string)p!["document_id"]!));
            Assert.DoesNotContain(otherMarker, passages.ToJsonString());
        }
    }

    private static async Task<string[]> IdsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/documents"))!.Select(d => (string)d!["id"]!).ToArray();
}
