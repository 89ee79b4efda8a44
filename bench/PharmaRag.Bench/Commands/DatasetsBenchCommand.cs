using System.CommandLine;
using PharmaRag.Bench.Datasets;

namespace PharmaRag.Bench.Commands;

/// <summary>`pharmarag-bench datasets --data DIR`: the shared question sets, each in its own format and metrics.</summary>
internal static class DatasetsBenchCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "The evaluation folder (with pdfs/ and qa/)",
            DefaultValueFactory = _ => Path.Combine("..", "shared", "bench"),
        };
        var sets = new Option<string>("--sets")
        {
            Description = $"Comma-separated sets to run: {string.Join(",", BenchDatasets.Names)}",
            DefaultValueFactory = _ => string.Join(",", BenchDatasets.Names),
        };
        var quick = new Option<bool>("--quick")
        {
            Description = $"Subsample every set (first {QuickLimits.Default.Questions} questions, gold plus " +
                $"{QuickLimits.Default.OtherDocuments} other documents) for a run of a few minutes",
        };
        var mode = BenchCommand.Mode();
        var json = BenchCommand.Json();
        var vectorWeights = BenchCommand.VectorWeights();
        var fusions = BenchCommand.Fusions();
        var command = new Command("datasets", "Run the shared question sets, each with its own metrics, next to a BM25 baseline")
        {
            data, sets, quick, mode, json, vectorWeights, fusions,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = new BenchConsole(parse.InvocationConfiguration.Error);
            if (!ModeSelection.TryParse(parse.GetValue(mode), out var modes, out var modeError))
            {
                await console.Error.WriteLineAsync(modeError);
                return 2;
            }
            var root = parse.GetValue(data)!;
            if (!Directory.Exists(root))
            {
                await console.Error.WriteLineAsync($"Evaluation folder not found: {Path.GetFullPath(root)} (pass --data).");
                return 2;
            }
            var names = parse.GetValue(sets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => n.ToLowerInvariant()).Distinct().ToArray();
            var unknown = names.Except(BenchDatasets.Names).ToArray();
            if (names.Length == 0 || unknown.Length > 0)
            {
                await console.Error.WriteLineAsync($"Unknown set(s): {string.Join(", ", unknown)}. Sets: {string.Join(", ", BenchDatasets.Names)}.");
                return 2;
            }
            var limits = parse.GetValue(quick) ? QuickLimits.Default : null;
            try
            {
                await BenchRun.RunAsync(
                    "datasets", limits is not null, names.Select(n => (Func<BenchSet>)(() => BenchDatasets.Load(n, root, limits))),
                    modes, parse.GetValue(json), parse.InvocationConfiguration.Output, console, cancellationToken, parse.GetValue(vectorWeights), parse.GetValue(fusions));
            }
            catch (BenchDataException ex)
            {
                await console.Error.WriteLineAsync(ex.Message);
                return 2;
            }
            return 0;
        });
        return command;
    }
}
