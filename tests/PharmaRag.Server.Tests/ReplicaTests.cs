using System.Net;
using Npgsql;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// Two `pharmarag serve` processes on one PostgreSQL database and one shared data directory,
/// over real HTTP: work is split between them without duplicates, and either answers for all.
/// </summary>
public sealed class ReplicaTests
{
    [Fact]
    public async Task Two_replicas_process_each_document_once_and_agree_on_answers_and_deletes()
    {
        using var data = new TempDirectory();
        var schema = TestPostgres.NewSchema();
        await using var a = await ServerProcess.StartAsync(data.Path, Settings(schema));
        await using var b = await ServerProcess.StartAsync(data.Path, Settings(schema));
        var replicas = new[] { a, b };

        // Fourteen documents, uploaded alternately to each replica; each names its own topic word.
        var topics = Enumerable.Range(0, 14).Select(i => $"zq{i}topic").ToArray();
        var ids = new string[topics.Length];
        for (var i = 0; i < topics.Length; i++)
        {
            ids[i] = await replicas[i % 2].Client.UploadAsync($"doc{i}.pdf", TestPdf.Numbered(3 + i, topics[i]));
        }
        for (var i = 0; i < ids.Length; i++)
        {
            var document = await replicas[(i + 1) % 2].Client.WaitForFinalStatusAsync(ids[i], timeoutSeconds: 180);
            Assert.Equal("processed", (string)document["status"]!);
            Assert.Equal(3 + i, (int)document["pages"]!);
        }

        // Exactly once: each document's rows match what it reports, and no job is left.
        await using (var db = await OpenAsync(schema))
        {
            foreach (var id in ids)
            {
                var reported = await CountAsync(db, "SELECT chunks FROM documents WHERE id = @d", id);
                Assert.True(reported > 0);
                Assert.Equal(reported, await CountAsync(db, "SELECT COUNT(*) FROM chunks WHERE document_id = @d", id));
                Assert.Equal(reported, await CountAsync(db, "SELECT COUNT(*) FROM keyword_docs WHERE document_id = @d", id));
                Assert.Equal(reported, await CountAsync(db, "SELECT COUNT(*) FROM chunk_vectors WHERE document_id = @d", id));
            }
            Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM jobs WHERE document_id <> @d", ""));
            Assert.Equal(ids.Length, await CountAsync(db, "SELECT COUNT(*) FROM documents WHERE id <> @d", ""));
        }

        // Every document is answerable from both replicas.
        foreach (var replica in replicas)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                var hits = await replica.Client.SearchAsync(topics[i]);
                Assert.Equal(ids[i], (string)hits[0]!["document_id"]!);
            }
        }

        // A delete on one replica is gone on the other.
        Assert.Equal(HttpStatusCode.NoContent, (await a.Client.DeleteAsync($"/documents/{ids[3]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/documents/{ids[3]}")).StatusCode);
        Assert.DoesNotContain(await b.Client.SearchAsync(topics[3]), h => (string)h!["document_id"]! == ids[3]);
        Assert.Equal(ids[4], (string)(await b.Client.SearchAsync(topics[4]))[0]!["document_id"]!);
        Assert.Equal(13, System.Text.Json.Nodes.JsonNode.Parse(await b.Client.GetStringAsync("/documents"))!.AsArray().Count);
    }

    [Fact]
    public async Task A_replica_killed_mid_document_leaves_it_to_the_other_after_its_lease()
    {
        using var data = new TempDirectory();
        var schema = TestPostgres.NewSchema();
        // A short lease, and small chunks written one per transaction so the document takes a while.
        string[] settings = [.. Settings(schema), "--PharmaRag:Ingestion:LeaseSeconds=5", "--PharmaRag:Ingestion:BatchSize=1",
            "--PharmaRag:Ingestion:ChunkTokens=32", "--PharmaRag:Ingestion:Workers=1"];
        await using var a = await ServerProcess.StartAsync(data.Path, settings);
        await using var b = await ServerProcess.StartAsync(data.Path, settings);
        const int pages = 200;
        var id = await a.Client.UploadAsync("long.pdf", TestPdf.Numbered(pages, "apixaban"));

        await using var db = await OpenAsync(schema);
        // Kill whichever replica holds the job once it is well into the document.
        var holder = await WaitForAsync(db, id, j => j.State == "running" && j.Progress > 0.2);
        var (doomed, survivor) = holder.Owner.StartsWith($"{a.ProcessId}/", StringComparison.Ordinal) ? (a, b) : (b, a);
        Assert.StartsWith($"{doomed.ProcessId}/", holder.Owner);
        await doomed.KillAsync();

        // After the lease runs out the survivor claims the job (a second attempt) and finishes it.
        var takeover = await WaitForAsync(db, id, j => j.State == "running" && j.Owner.StartsWith($"{survivor.ProcessId}/", StringComparison.Ordinal));
        Assert.Equal(2, takeover.Attempts);
        var finished = await survivor.Client.WaitForFinalStatusAsync(id, timeoutSeconds: 240);
        Assert.Equal("processed", (string)finished["status"]!);
        Assert.Equal(pages, (int)finished["pages"]!);
        var chunks = (int)finished["chunks"]!;
        Assert.Equal(chunks, await CountAsync(db, "SELECT COUNT(*) FROM chunks WHERE document_id = @d", id));
        Assert.Equal(chunks, await CountAsync(db, "SELECT COUNT(*) FROM keyword_docs WHERE document_id = @d", id));
        Assert.Equal(chunks, await CountAsync(db, "SELECT COUNT(*) FROM chunk_vectors WHERE document_id = @d", id));
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM jobs WHERE document_id = @d", id));
        var marked = (await survivor.Client.SearchAsync("pg137marker", topK: 20))
            .Where(h => ((string)h!["text"]!).Contains("pg137marker")).ToArray();
        Assert.NotEmpty(marked);
        Assert.Equal(marked.Length, marked.Select(h => (string)h!["chunk_id"]!).Distinct().Count());
    }

    private static string[] Settings(string schema) =>
    [
        "--PharmaRag:Storage:Provider=postgres",
        $"--PharmaRag:Storage:ConnectionString={TestPostgres.ConnectionString}",
        $"--PharmaRag:Storage:Schema={schema}",
    ];

    private static async Task<NpgsqlConnection> OpenAsync(string schema)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { SearchPath = schema }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<int> CountAsync(NpgsqlConnection db, string sql, string documentId)
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("d", documentId);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private sealed record JobState(string State, string Owner, int Attempts, double Progress);

    /// <summary>Polls the job of a document (read from the database) until it matches.</summary>
    private static async Task<JobState> WaitForAsync(NpgsqlConnection db, string documentId, Func<JobState, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(
                "SELECT j.state, COALESCE(j.owner, ''), j.attempts, d.progress FROM jobs j JOIN documents d ON d.id = j.document_id WHERE j.document_id = @d",
                db);
            command.Parameters.AddWithValue("d", documentId);
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var job = new JobState(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetDouble(3));
                    if (match(job))
                    {
                        return job;
                    }
                }
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"The job of {documentId} never reached the expected state.");
    }
}
