using System.Diagnostics;
using System.Runtime.InteropServices;
using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Reporting;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Bench.Commands;

/// <summary>Runs sets one after another and writes the report: Markdown on standard output, JSON to a file.</summary>
internal static class BenchRun
{
    public static async Task<RunReport> RunAsync(
        string command, bool quick, IEnumerable<Func<BenchSet>> sets, IReadOnlyList<QueryMode> modes,
        string? jsonPath, TextWriter output, BenchConsole console, CancellationToken cancellationToken, IReadOnlyList<double>? vectorWeights = null,
        IReadOnlyList<FusionMethod>? fusions = null)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var commit = await ReportFiles.TryDescribeCommitAsync(cancellationToken);
        using var loggers = BenchLogging.Create();
        var benchmark = new SetBenchmark(loggers, console);
        var reports = new List<SetReport>();
        // Each set is loaded only when its turn comes, so one set's corpus is gone before the next is read.
        foreach (var load in sets)
        {
            reports.Add(await benchmark.RunAsync(load(), modes, vectorWeights ?? [], fusions ?? [], cancellationToken));
        }
        var report = new RunReport
        {
            Command = command,
            StartedAt = startedAt,
            Commit = commit,
            Quick = quick,
            DefaultMode = ModeSelection.Default.ToString().ToLowerInvariant(),
            ProcessorCount = Environment.ProcessorCount,
            OperatingSystem = RuntimeInformation.OSDescription,
            WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            ProcessPeakWorkingSetMb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
            Sets = reports,
        };
        MarkdownReport.Write(output, report);
        var path = jsonPath ?? ReportFiles.DefaultPath(quick ? $"{command}-quick" : command, startedAt);
        await ReportFiles.WriteJsonAsync(report, path, cancellationToken);
        await console.Error.WriteLineAsync($"JSON report: {path}");
        return report;
    }
}
