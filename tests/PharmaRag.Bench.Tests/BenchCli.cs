using System.CommandLine;
using PharmaRag.Bench.Commands;

namespace PharmaRag.Bench.Tests;

/// <summary>Runs `bench ...` in process, as `pharmarag-bench ...` would, capturing what it prints.</summary>
internal static class BenchCli
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = BenchCommand.CreateRoot();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
