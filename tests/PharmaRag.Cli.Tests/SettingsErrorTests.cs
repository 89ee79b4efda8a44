using PharmaRag.Testing;

namespace PharmaRag.Cli.Tests;

/// <summary>
/// Every entry point builds its services through one host, so an invalid setting stops each of
/// them the same way: one line naming the setting, the rule and where to fix it, a non-zero exit,
/// no stack trace (unless --verbose).
/// </summary>
public sealed class SettingsErrorTests
{
    public static TheoryData<string[]> EntryPoints() => new()
    {
        new[] { "serve" },
        new[] { "gateway" },
        new[] { "ingest", "missing.pdf" },
        new[] { "query", "What is the dose?" },
        new[] { "documents" },
        new[] { "reindex" },
    };

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task An_invalid_setting_stops_every_entry_point_with_one_line_naming_it(string[] command)
    {
        using var data = new TempDirectory();
        var result = await CliProcess.RunAsync(
            [.. command, "--data", data.Path, .. UrlsFor(command), "--PharmaRag:Uploads:UrlLifetimeSeconds=0"]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("Invalid setting PharmaRag:Uploads:UrlLifetimeSeconds: must be between 1 and 604800", line);
        Assert.Contains("--PharmaRag:Uploads:UrlLifetimeSeconds=", line);
        Assert.Contains("PharmaRag__Uploads__UrlLifetimeSeconds", line);
        Assert.DoesNotContain("   at ", result.Output + result.Error);
        // Refused before the data directory was opened: nothing was created in it.
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_names_the_setting_and_its_value()
    {
        using var data = new TempDirectory();
        var result = await CliProcess.RunAsync(["documents", "--data", data.Path, "--PharmaRag:Ingestion:Workers=two"]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("Invalid setting PharmaRag:Ingestion:Workers=two: it must be a whole number.", line);
    }

    [Fact]
    public async Task Settings_from_environment_variables_are_validated_too()
    {
        using var data = new TempDirectory();
        var result = await CliProcess.RunAsync(["query", "dose", "--data", data.Path],
            new Dictionary<string, string> { ["PharmaRag__Retrieval__MaxTopK"] = "0" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid setting PharmaRag:Retrieval:MaxTopK: must be between 1 and 1000", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace_after_the_line()
    {
        using var data = new TempDirectory();
        var result = await CliProcess.RunAsync(["documents", "--data", data.Path, "--verbose", "--PharmaRag:Uploads:UrlLifetimeSeconds=0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Invalid setting PharmaRag:Uploads:UrlLifetimeSeconds", result.ErrorLines[0]);
        Assert.Contains("OptionsValidationException", result.Error);
        Assert.Contains("   at ", result.Error);
    }

    [Fact]
    public async Task An_unknown_argument_is_one_usage_line()
    {
        using var data = new TempDirectory();
        var result = await CliProcess.RunAsync(["documents", "--data", data.Path, "--jsn"]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("Unknown argument '--jsn'", line);
        Assert.Contains("pharmarag documents --help", line);
    }

    private static string[] UrlsFor(string[] command) =>
        command[0] is "serve" or "gateway" ? ["--urls", $"http://127.0.0.1:{CliProcess.FreePort()}"] : [];
}
