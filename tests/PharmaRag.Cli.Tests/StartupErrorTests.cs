using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Cli.Tests;

/// <summary>What a newcomer meets when something else is in the way: one line, the cause and the fix.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task A_second_serve_on_a_data_directory_in_use_is_refused_in_one_line()
    {
        using var data = new TempDirectory();
        await using var first = await ServerProcess.StartAsync(data.Path);

        var second = await CliProcess.RunAsync(["serve", "--data", data.Path, "--urls", $"http://127.0.0.1:{CliProcess.FreePort()}"]);

        Assert.Equal(2, second.ExitCode);
        var line = Assert.Single(second.ErrorLines);
        Assert.Contains($"The data directory {data.Path} is in use by another PharmaRag process", line);
        Assert.Contains("--data", line);
        Assert.DoesNotContain("   at ", second.Output + second.Error);

        // A writer command is refused the same way; the first server keeps serving.
        var ingest = await CliProcess.RunAsync(["ingest", "--data", data.Path, "missing.pdf"]);
        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("is in use by another PharmaRag process", Assert.Single(ingest.ErrorLines));
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("gateway")]
    public async Task A_port_in_use_is_refused_in_one_line_naming_the_port_and_urls(string command)
    {
        using var data = new TempDirectory();
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var result = await CliProcess.RunAsync([command, "--data", data.Path, "--urls", $"http://127.0.0.1:{port}"]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"Port {port} is already in use (http://127.0.0.1:{port})", line);
        Assert.Contains("--urls", line);
        Assert.DoesNotContain("   at ", result.Output + result.Error);
    }

    [Fact]
    public async Task A_missing_ocr_tool_is_one_line_with_the_install_command()
    {
        using var work = new TempDirectory();
        var image = Path.Combine(work.Path, "scan.png");
        await File.WriteAllBytesAsync(image, await TestImage.RenderPngAsync(TestPdf.Pages(["Dosage 10 mg once daily"])));
        var emptyPath = Directory.CreateDirectory(Path.Combine(work.Path, "empty-path")).FullName;

        var result = await CliProcess.RunAsync(["parse", image], new Dictionary<string, string> { ["PATH"] = emptyPath });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("tesseract is not installed", line);
        Assert.Contains("apt-get install tesseract-ocr", line);
    }

    [Fact]
    public async Task An_embedding_model_mismatch_is_one_line_naming_both_models_and_reindex()
    {
        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "data");
        var pdf = Path.Combine(work.Path, "label.pdf");
        await File.WriteAllBytesAsync(pdf, TestPdf.Pages(["Atorvastatin dosage: start at 10 mg once daily."]));
        var ingest = await CliProcess.RunAsync(["ingest", pdf, "--data", data]);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        // The index now says another model built it, as after switching PharmaRag:Models:Embeddings.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "pharmarag.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var update = db.CreateCommand();
            update.CommandText = "UPDATE settings SET value = 'text-embedding-3-small:1536' WHERE key = 'embedding_model'";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var query = await CliProcess.RunAsync(["query", "What is the starting dose?", "--data", data]);

        Assert.Equal(1, query.ExitCode);
        var line = Assert.Single(query.ErrorLines);
        Assert.Contains("built with embedding model text-embedding-3-small:1536", line);
        Assert.Contains("pharmarag reindex", line);
        Assert.DoesNotContain("   at ", query.Output + query.Error);

        // The fix the line names works.
        var reindex = await CliProcess.RunAsync(["reindex", "--data", data]);
        Assert.True(reindex.ExitCode == 0, reindex.ToString());
        var again = await CliProcess.RunAsync(["query", "What is the starting dose?", "--data", data]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("10 mg", again.Output);
    }
}
