using System.Net;
using Microsoft.Data.Sqlite;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>Restart, crash and deletion leave exactly one consistent copy of every document.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Restart_keeps_documents_answers_and_issued_upload_urls()
    {
        using var data = new TempDirectory();
        string id;
        string laterUrl;
        await using (var first = await InProcessServer.StartAsync(data.Path))
        {
            id = await first.Client.UploadAsync("kept.pdf", TestPdf.Numbered(3, "ciprofloxacin"));
            await first.Client.WaitForFinalStatusAsync(id);
            laterUrl = (string)(await first.Client.PresignAsync("later.pdf"))["url"]!;
        }

        await using var second = await InProcessServer.StartAsync(data.Path);
        var document = await second.Client.DocumentAsync(id);
        Assert.Equal("processed", (string)document["status"]!);
        Assert.Equal(3, (int)document["pages"]!);
        var answer = await second.Client.AskAsync("ciprofloxacin study page marker pg3marker");
        Assert.Equal(3, (int)answer["citations"]!.AsArray()[0]!["page"]!);
        // The signing key persisted, so a URL issued before the restart still works.
        var port = new Uri(laterUrl).PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, (await second.Client.PutAsync(port, TestPdf.Numbered(1))).StatusCode);
    }

    [Fact]
    public async Task A_second_server_cannot_open_a_data_directory_in_use()
    {
        using var data = new TempDirectory();
        await using var first = await InProcessServer.StartAsync(data.Path);

        var error = await Assert.ThrowsAsync<PharmaRag.Core.Configuration.DataDirectoryInUseException>(() => InProcessServer.StartAsync(data.Path));

        Assert.Contains("in use by another PharmaRag process", error.Message);
    }

    [Fact]
    public async Task Delete_removes_the_document_its_chunks_and_index_entries_exactly()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var doomed = await server.Client.UploadAsync("doomed.pdf", TestPdf.Numbered(4, "doomedtopic"));
        var kept = await server.Client.UploadAsync("kept.pdf", TestPdf.Numbered(4, "keptopic"));
        await server.Client.WaitForFinalStatusAsync(doomed);
        await server.Client.WaitForFinalStatusAsync(kept);
        var keptBefore = await Counts(data.Path, kept);

        var delete = await server.Client.DeleteAsync($"/documents/{doomed}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/documents/{doomed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteAsync($"/documents/{doomed}")).StatusCode);
        Assert.DoesNotContain(await server.Client.SearchAsync("doomedtopic"), h => (string)h!["document_id"]! == doomed);
        Assert.NotEmpty(await server.Client.SearchAsync("keptopic"));
        Assert.Equal((0, 0, 0, 0), await Counts(data.Path, doomed));
        Assert.Equal(keptBefore, await Counts(data.Path, kept));
        // The uploaded file stays unless purge_object=true is asked for.
        Assert.True(File.Exists(Path.Combine(data.Path, "objects", "uploads", "doomed.pdf")));
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"/documents/{kept}?purge_object=true")).StatusCode);
        Assert.False(File.Exists(Path.Combine(data.Path, "objects", "uploads", "kept.pdf")));
    }

    [Fact]
    public async Task A_process_killed_mid_document_finishes_it_after_restart_with_one_copy()
    {
        using var data = new TempDirectory();
        const int pages = 400;
        var pdf = TestPdf.Numbered(pages, "rivaroxaban");
        // Small chunks written one per transaction make indexing last long enough to be interrupted.
        string[] settings = ["--PharmaRag:Ingestion:BatchSize=1", "--PharmaRag:Ingestion:ChunkTokens=32"];
        string id;
        await using (var doomed = await ServerProcess.StartAsync(data.Path, settings))
        {
            id = await doomed.Client.UploadAsync("long.pdf", pdf);
            // Kill once some, but not all, chunks are written (indexing fills progress 0.72 to 0.98).
            while (true)
            {
                var document = await doomed.Client.DocumentAsync(id);
                Assert.NotEqual("processed", (string)document["status"]!);
                if ((string?)document["step"] == "indexing" && (double)document["progress"]! > 0.8)
                {
                    break;
                }
                // Indexing 400 one-chunk transactions spans seconds; 10 polls a second stays
                // well under the default rate limit of 1200 requests per 60 s.
                await Task.Delay(100);
            }
            await doomed.KillAsync();
        }
        var (partialChunks, _, _, _) = await Counts(data.Path, id);
        Assert.True(partialChunks > 0, "the kill should have left some chunks written");

        await using var restarted = await ServerProcess.StartAsync(data.Path, settings);
        // A cap on the wait, not a speed bound: writing 400 pages one 32-token chunk per
        // transaction took over 120 s on a loaded 2-core machine.
        var finished = await restarted.Client.WaitForFinalStatusAsync(id, timeoutSeconds: 300);

        Assert.Equal("processed", (string)finished["status"]!);
        Assert.Equal(pages, (int)finished["pages"]!);
        // The runner marks the document processed, then completes its job: wait for that last write.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Counts(data.Path, id)).Item3 > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var (chunks, entries, jobs, vectors) = await Counts(data.Path, id);
        Assert.Equal((int)finished["chunks"]!, chunks);
        Assert.Equal(chunks, entries);
        Assert.Equal(chunks, vectors);
        Assert.Equal(0, jobs);
        Assert.True(chunks > partialChunks);
        // A marker printed on one page is found in exactly the chunks that hold that page, once each.
        var hits = await restarted.Client.SearchAsync("pg237marker", topK: 20);
        Assert.Equal(hits.Count, hits.Select(h => (string)h!["chunk_id"]!).Distinct().Count());
        var marked = hits.Where(h => ((string)h!["text"]!).Contains("pg237marker")).ToArray();
        Assert.NotEmpty(marked);
        Assert.All(marked, h => Assert.Contains(237, h!["pages"]!.AsArray().Select(p => (int)p!)));
    }

    [Fact]
    public async Task A_process_killed_in_the_graph_step_resumes_at_the_graph_step_without_parsing_again()
    {
        using var data = new TempDirectory();
        await using var model = StalledModelServer.Start();
        string id;
        await using (var doomed = await ServerProcess.StartAsync(data.Path, model.ChatArguments()))
        {
            id = await doomed.Client.UploadAsync("graph.pdf", TestPdf.Numbered(12, "apixaban"));
            // Searchable first; then the graph step calls the model, which never answers.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var document = await doomed.Client.DocumentAsync(id);
                var pending = document["pending_steps"]!.AsArray().Select(s => (string)s!).ToArray();
                if ((string)document["status"]! == "processed" && pending.SequenceEqual(["graph"]) && model.Requests > 0)
                {
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, $"the graph step never started: {document.ToJsonString()}");
                await Task.Delay(100);
            }
            Assert.NotEmpty(await doomed.Client.SearchAsync("pg7marker"));
            await doomed.KillAsync();
        }
        var beforeRestart = await StepRunsAsync(data.Path, id);

        await using var restarted = await ServerProcess.StartAsync(data.Path);
        var finished = await restarted.Client.WaitForFinalStatusAsync(id, timeoutSeconds: 120);

        Assert.Equal("processed", (string)finished["status"]!);
        Assert.Empty(finished["pending_steps"]!.AsArray());
        Assert.Null((string?)finished["error"]);
        var runs = await StepRunsAsync(data.Path, id);
        // Before the kill every step ran once and the graph step was left unfinished.
        Assert.Equal(["reading", "parsing", "chunking", "indexing", "retiring", "describing", "embedding", "graph"], beforeRestart.Select(r => r.Step));
        Assert.Null(beforeRestart[^1].Outcome);
        // After the restart only the graph step ran: the parser ran once in all.
        Assert.Equal([("graph", "success")], runs.Skip(beforeRestart.Count).Select(r => (r.Step, r.Outcome)));
        Assert.Single(runs, r => r.Step == "parsing");
        var (chunks, entries, jobs, vectors) = await Counts(data.Path, id);
        Assert.Equal((int)finished["chunks"]!, chunks);
        Assert.Equal((chunks, chunks, 0), (entries, vectors, jobs));
    }

    /// <summary>The recorded step runs of a document, oldest first: step name and outcome (null when unfinished).</summary>
    private static async Task<List<(string Step, string? Outcome)>> StepRunsAsync(string dataDirectory, string documentId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "pharmarag.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT step, outcome FROM step_runs WHERE document_id = $d ORDER BY id";
        command.Parameters.AddWithValue("$d", documentId);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<(string, string?)>();
        while (await reader.ReadAsync())
        {
            runs.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }
        return runs;
    }

    /// <summary>Rows for a document in the chunk table, the keyword index, the job table and the vectors, read from the SQLite file.</summary>
    private static async Task<(int Chunks, int KeywordEntries, int Jobs, int Vectors)> Counts(string dataDirectory, string documentId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "pharmarag.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        async Task<int> Count(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE document_id = $d";
            command.Parameters.AddWithValue("$d", documentId);
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        }
        // The keyword index is the Lucene index in the data directory (read-only while a server owns it).
        using var keywords = new Storage.Lucene.LuceneKeywordIndex(Path.Combine(dataDirectory, Storage.Lucene.LuceneKeywordIndex.FolderName));
        return (await Count("chunks"), keywords.CountDocumentChunks(documentId), await Count("jobs"), await Count("chunk_vectors"));
    }
}
