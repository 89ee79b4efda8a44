using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace PharmaRag.Bench.Tests;

/// <summary>`pharmarag-bench` as a real process: its own executable, on the product's host and settings.</summary>
public sealed class BenchExecutableTests
{
    [Fact]
    public async Task It_is_its_own_executable_with_the_five_benchmarks()
    {
        var (exit, output, _) = await RunAsync(["--help"]);

        Assert.Equal(0, exit);
        foreach (var command in new[] { "datasets", "qa", "vectors", "ingest", "search" })
        {
            Assert.Contains($"  {command} ", output);
        }
    }

    [Fact]
    public async Task An_invalid_setting_stops_it_with_the_product_s_one_line_before_any_work()
    {
        var (exit, output, error) = await RunAsync(
            ["qa", "--docs", BenchCli.TestData("tiny-qa", "docs"), "--questions", BenchCli.TestData("tiny-qa", "questions.jsonl")],
            new Dictionary<string, string> { ["PharmaRag__Uploads__UrlLifetimeSeconds"] = "0" });

        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Invalid setting PharmaRag:Uploads:UrlLifetimeSeconds: must be between 1 and 604800", line);
        Assert.Contains("PharmaRag__Uploads__UrlLifetimeSeconds", line);
        Assert.DoesNotContain("recall@", output);
    }

    [Fact]
    public void It_reads_the_product_s_settings_file()
    {
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "PharmaRag.Cli", "appsettings.json")),
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
    }

    [Fact]
    public void It_runs_with_the_product_s_runtime_settings_so_it_times_ingestion_as_the_product_runs_it()
    {
        var product = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "PharmaRag.Cli", "PharmaRag.Cli.csproj"))
            .Descendants("TieredCompilation").Single().Value;
        var bench = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pharmarag-bench.runtimeconfig.json")))!
            ["runtimeOptions"]!["configProperties"]!["System.Runtime.TieredCompilation"];

        Assert.Equal("false", product);
        Assert.NotNull(bench);
        Assert.False(bench.GetValue<bool>());
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "PharmaRag.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("No PharmaRag.slnx above the test output.");
        }
        return root.FullName;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pharmarag-bench.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
