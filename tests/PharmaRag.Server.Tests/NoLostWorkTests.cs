using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// Work is never lost and never left running: deleting a document stops its job at once, a stop
/// mid-job ends within the graceful-stop time and leaves the job to resume, interrupted uploads
/// are cleaned up, and a step over its time budget fails with the limit named.
/// </summary>
public sealed class NoLostWorkTests
{
    /// <summary>The host's default graceful-stop time (HostOptions.ShutdownTimeout).</summary>
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Deleting_a_document_mid_job_stops_its_job_at_once_and_frees_the_worker()
    {
        using var data = new TempDirectory();
        await using var model = StalledModelServer.Start();
        // One worker: the next document can only run once the first one's job has let go of it.
        await using var server = await ServerProcess.StartAsync(data.Path, [.. model.ChatArguments(), "--PharmaRag:Ingestion:Workers=1"]);
        var doomed = await server.Client.UploadAsync("doomed.pdf", TestPdf.Numbered(6, "apixaban"));
        await WaitUntilAsync(async () => model.Requests > 0 && (string)(await server.Client.DocumentAsync(doomed))["status"]! == "processed",
            "the graph step of the first document never called the model");
        var waiting = await server.Client.UploadAsync("waiting.pdf", TestPdf.Numbered(2, "edoxaban"));
        Assert.Equal("pending", (string)(await server.Client.DocumentAsync(waiting))["status"]!);

        // The model never answers: without cancellation the job would hold the only worker until the model call timed out.
        var delete = await server.Client.DeleteAsync($"/documents/{doomed}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/documents/{doomed}")).StatusCode);
        await WaitUntilAsync(async () => (string)(await server.Client.DocumentAsync(waiting))["status"]! == "processed",
            "the worker was not freed by the deletion");
        Assert.Equal((0, 0, 0), await RowsAsync(data.Path, doomed));
        Assert.Empty(await server.Client.SearchAsync("apixaban pg3marker"));
    }

    [Fact]
    public async Task A_stop_mid_job_ends_within_the_graceful_stop_time_and_the_job_resumes_after_restart()
    {
        using var data = new TempDirectory();
        await using var model = StalledModelServer.Start();
        string id;
        await using (var stopping = await ServerProcess.StartAsync(data.Path, model.ChatArguments()))
        {
            id = await stopping.Client.UploadAsync("graph.pdf", TestPdf.Numbered(8, "dabigatran"));
            await WaitUntilAsync(() => Task.FromResult(model.Requests > 0), "the graph step never called the model");

            var exitCode = await stopping.TerminateAsync(GracefulStop);

            Assert.Equal(0, exitCode);
        }
        // Left resumable: not failed, the graph step unfinished, the job still there.
        await using (var connection = await OpenAsync(data.Path))
        {
            Assert.Equal("processed", ((string)(await ScalarAsync(connection, "SELECT status FROM documents WHERE id = $d", id))!).ToLowerInvariant());
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM jobs WHERE document_id = $d", id));
            Assert.Equal(DBNull.Value, await ScalarAsync(connection, "SELECT outcome FROM step_runs WHERE document_id = $d ORDER BY id DESC LIMIT 1", id));
        }

        await using var restarted = await ServerProcess.StartAsync(data.Path);
        var finished = await restarted.Client.WaitForFinalStatusAsync(id, timeoutSeconds: 120);

        Assert.Equal("processed", (string)finished["status"]!);
        Assert.Null((string?)finished["error"]);
        Assert.Empty(finished["pending_steps"]!.AsArray());
    }

    [Fact]
    public async Task Partial_uploads_left_by_a_crash_are_removed_at_start_up_and_uploads_in_progress_are_kept()
    {
        using var data = new TempDirectory();
        var incoming = Directory.CreateDirectory(Path.Combine(data.Path, "objects", ".incoming")).FullName;
        var abandoned = Path.Combine(incoming, "0123456789abcdef");
        await File.WriteAllBytesAsync(abandoned, new byte[4096]);
        var inProgress = Path.Combine(incoming, "fedcba9876543210");
        // Another process (a gateway sharing the folder) still writing: it holds the file's lock.
        await using var writer = new FileStream(inProgress, FileMode.CreateNew, FileAccess.Write, FileShare.None);

        await using var server = await InProcessServer.StartAsync(data.Path);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(inProgress));
    }

    [Fact]
    public async Task A_step_over_its_time_budget_fails_naming_the_limit_and_the_document_stays_searchable()
    {
        using var data = new TempDirectory();
        await using var model = StalledModelServer.Start();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InProcessServer.StartAsync(data.Path, clock,
            [.. model.ChatArguments(), "--PharmaRag:Models:Embeddings=offline", "--PharmaRag:Limits:StepTimeoutSeconds=600"]);
        var id = await server.Client.UploadAsync("slow.pdf", TestPdf.Numbered(4, "ticagrelor"));
        await WaitUntilAsync(() => Task.FromResult(model.Requests > 0), "the graph step never called the model");

        clock.Advance(TimeSpan.FromSeconds(601));
        var document = await server.Client.WaitForFinalStatusAsync(id);

        Assert.Equal("processed", (string)document["status"]!);
        var error = (string)document["error"]!;
        Assert.True(error.Contains("The graph step took longer than 600 s, over the limit PharmaRag:Limits:StepTimeoutSeconds = 600", StringComparison.Ordinal), document.ToJsonString());
        Assert.NotEmpty(await server.Client.SearchAsync("ticagrelor pg2marker"));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    private static async Task<SqliteConnection> OpenAsync(string dataDirectory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "pharmarag.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, string documentId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$d", documentId);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Chunks and jobs of a document left in the SQLite file, and its chunks in the keyword (Lucene) index.</summary>
    private static async Task<(long Chunks, long Keywords, long Jobs)> RowsAsync(string dataDirectory, string documentId)
    {
        await using var connection = await OpenAsync(dataDirectory);
        using var keywords = new Storage.Lucene.LuceneKeywordIndex(Path.Combine(dataDirectory, Storage.Lucene.LuceneKeywordIndex.FolderName));
        return ((long)(await ScalarAsync(connection, "SELECT COUNT(*) FROM chunks WHERE document_id = $d", documentId))!,
            keywords.CountDocumentChunks(documentId),
            (long)(await ScalarAsync(connection, "SELECT COUNT(*) FROM jobs WHERE document_id = $d", documentId))!);
    }
}
