using System.Diagnostics;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;
using Xunit.Abstractions;

namespace PharmaRag.Cli.Tests;

/// <summary>
/// README.md cannot drift from the product: its walk-through blocks run verbatim with bash, in
/// the clone, against a fresh `pharmarag serve`, with a shared label from ../shared/bench, and
/// `pharmarag` on PATH as the installed tool would be.
/// </summary>
public sealed class ReadmeWalkthroughTests(ITestOutputHelper output)
{
    private const string Label = "../shared/bench/pdfs/labels/fda_atorvastatin_highlights_2024.pdf";

    [Fact]
    public async Task The_readme_walkthrough_runs_verbatim_against_a_fresh_server()
    {
        var label = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, Label));
        Assert.True(File.Exists(label), $"The walk-through uses {Label} (the shared folder beside the clone), which is missing.");
        foreach (var tool in new[] { "bash", "curl", "jq" })
        {
            TestImage.ToolPath(tool);
        }
        var blocks = ReadmeWalkthrough.Blocks(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md")));
        Assert.True(blocks.Count >= 4, "README.md lost its walk-through blocks (```sh blocks after a <!-- walk-through: ... --> line).");

        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "rag_output");
        // The README is what a new user runs: the default embedder, the built-in arctic-xs model
        // (named for the server, and no API key for the commands, so a developer's key changes nothing).
        await using var server = await ServerProcess.StartAsync(data, "--PharmaRag:Models:Embeddings=arctic-xs");
        var bin = Directory.CreateDirectory(Path.Combine(work.Path, "bin")).FullName;
        var pharmarag = Path.Combine(bin, "pharmarag");
        await File.WriteAllTextAsync(pharmarag,
            $"#!/bin/sh\nexec '{CliProcess.DotnetHost}' '{Path.Combine(AppContext.BaseDirectory, "pharmarag.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pharmarag, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var script = Path.Combine(work.Path, "walkthrough.sh");
        await File.WriteAllTextAsync(script, "set -eo pipefail\n" + string.Concat(blocks.Select((block, i) =>
            $"echo '$ # README walk-through block {i + 1} of {blocks.Count}'\nset -x\n{block}set +x\n")));

        var start = new ProcessStartInfo("bash", [script])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["PHARMARAG_URL"] = server.Client.BaseAddress!.ToString().TrimEnd('/');
        start.Environment["PHARMARAG_GATEWAY_URL"] = $"http://127.0.0.1:{CliProcess.FreePort()}";
        start.Environment["RAG_OUTPUT_DIR"] = data; // the server's directory, as ./rag_output is in the README
        start.Environment["NO_COLOR"] = "1";
        start.Environment["PS4"] = "$ ";
        start.Environment["PharmaRag__Models__Chat"] = "offline";
        start.Environment.Remove("OPENAI_API_KEY");
        start.Environment.Remove("OPENAI_BASE_URL");
        start.Environment.Remove(TestModels.HashingEmbeddingsVariable.Key);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var transcript = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (transcript) { transcript.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (transcript) { transcript.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();

        string text;
        lock (transcript)
        {
            text = string.Join('\n', transcript);
        }
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "readme-walkthrough-transcript.txt"),
            $"{text}\n# {blocks.Count} blocks, exit {(process.HasExited ? process.ExitCode : -1)}, {clock.Elapsed.TotalSeconds:0} s\n");
        output.WriteLine(text);

        Assert.True(process.HasExited && process.ExitCode == 0, $"The walk-through failed (exit {(process.HasExited ? process.ExitCode : -1)}):\n{text}");
        // The curl walk-through: the label is processed and the sample question is answered from it, with its page.
        Assert.Contains("\"status\":\"processed\"", text);
        Assert.Contains("10 mg to 20 mg once daily", text);
        Assert.Contains("[1: atorvastatin.pdf, p.", text);
        // The command line on the same data, and on its own directory.
        Assert.Contains("nasopharyngitis", text);
        Assert.Contains("fda_ibuprofen_label_2024.pdf", text);
        // The gateway: no compute at first, compute while processing, a cited answer after a cold start.
        Assert.Contains("{\"total\":0,\"running\":0,\"task_arns\":[]}", text);
        Assert.Contains("which may cause stomach bleeding", text);
        Assert.Contains("[1: label.pdf, p. 1]", text);
    }
}
