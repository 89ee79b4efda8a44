using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;
using PharmaRag.Documents.Ocr;
using PharmaRag.Models;

namespace PharmaRag.Bench.Commands;

/// <summary>
/// `pharmarag-bench ingest`: pages per second of the real pipeline on a folder of PDFs, with OCR
/// on and off, next to pdftotext over the same files in the same run (the ratio is the figure to
/// compare; absolute times on a shared machine are noisy), with a per-step time breakdown.
/// </summary>
internal static class IngestBenchCommand
{
    public static Command Create()
    {
        var pdfs = new Option<string>("--pdfs")
        {
            Description = "Folder of PDFs, read recursively",
            DefaultValueFactory = _ => Path.Combine("..", "shared", "bench", "pdfs"),
        };
        var ocr = new Option<string>("--ocr") { Description = "on, off or both", DefaultValueFactory = _ => "both" };
        ocr.AcceptOnlyFromAmong("on", "off", "both");
        var embeddings = new Option<string[]>("--embeddings")
        {
            Description = $"Embedding models to compare, values of {ModelOptions.Section}:Embeddings (e.g. auto,hashing); the configured one when omitted",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Runs of each configuration, interleaved so that drift on a shared machine falls on all alike; the table gives the median",
            DefaultValueFactory = _ => 1,
        };
        runs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxRuns)
            {
                result.AddError($"--runs must be between 1 and {MaxRuns}.");
            }
        });
        var command = new Command("ingest", "Pages per second of ingestion (OCR on and off, one or more embedding models) next to pdftotext on the same PDFs, with a per-step breakdown")
        {
            pdfs, ocr, embeddings, runs,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var folder = parse.GetValue(pdfs)!;
            if (!Directory.Exists(folder))
            {
                await error.WriteLineAsync($"No folder {Path.GetFullPath(folder)}: pass the folder of PDFs with --pdfs DIR.");
                return 2;
            }
            var files = Directory.EnumerateFiles(folder, "*.pdf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                await error.WriteLineAsync($"No PDF in {Path.GetFullPath(folder)}: pass a folder that holds *.pdf files with --pdfs DIR.");
                return 2;
            }
            var mode = parse.GetValue(ocr)!;
            var models = parse.GetValue(embeddings) is { Length: > 0 } named ? named.Select(m => (string?)m).ToArray() : [null];
            var repeat = parse.GetValue(runs);
            using var loggers = BenchLogging.Create();

            // Interleaved: every configuration once, then every one again, so a slow spell of a
            // shared machine does not fall on one configuration only.
            var configurations = (mode switch { "on" => new[] { true }, "off" => [false], _ => [false, true] })
                .SelectMany(withOcr => models.Select(model => (Ocr: withOcr, Model: model))).ToArray();
            var done = new List<IngestRun>();
            for (var round = 1; round <= repeat; round++)
            {
                foreach (var (withOcr, model) in configurations)
                {
                    var run = await RunProductAsync(loggers, files, withOcr, model, round, cancellationToken);
                    await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"run {round} of {repeat}, OCR {(withOcr ? "on" : "off")}, embeddings {run.Label}: searchable after {run.SearchableSeconds:0.0} s, all steps {run.AllSeconds:0.0} s"));
                    done.Add(run);
                }
            }
            var pages = done[0].Pages;
            var pdftotext = await PdftotextRun.TimeAsync(files, 1, cancellationToken);
            var pdftotextParallel = await PdftotextRun.TimeAsync(files, Environment.ProcessorCount, cancellationToken);

            output.WriteLine($"## Ingestion: {files.Length} PDFs, {pages} pages, {Environment.ProcessorCount} cores, {repeat} run(s) of each configuration");
            output.WriteLine();
            output.WriteLine("| run | searchable after s | pages/s to searchable | all steps done s | pages/s all steps | vs pdftotext (1 process) |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|");
            var reference = pages / pdftotext;
            output.WriteLine($"| pdftotext, 1 process | {pdftotext:0.00} | {reference:0.0} | | | 1.00 |");
            output.WriteLine($"| pdftotext, {Environment.ProcessorCount} processes | {pdftotextParallel:0.00} | {pages / pdftotextParallel:0.0} | | | {pages / pdftotextParallel / reference:0.00} |");
            var groups = done.GroupBy(r => (r.Ocr, r.Setting, r.Embeddings)).ToArray();
            foreach (var group in groups)
            {
                var searchable = Median(group.Select(r => r.SearchableSeconds));
                var all = Median(group.Select(r => r.AllSeconds));
                var spread = repeat == 1 ? "" : $" (median of {repeat}; searchable {group.Min(r => r.SearchableSeconds):0.0}-{group.Max(r => r.SearchableSeconds):0.0} s)";
                output.WriteLine($"| PharmaRag, OCR {(group.Key.Ocr ? "on" : "off")}, embeddings {group.First().Label}{spread} | {searchable:0.00} | {pages / searchable:0.0} | " +
                    $"{all:0.00} | {pages / all:0.0} | {pages / searchable / reference:0.00} |");
            }
            if (repeat > 1)
            {
                output.WriteLine();
                output.WriteLine("| run | OCR | embeddings | searchable after s | all steps done s |");
                output.WriteLine("|---:|---|---|---:|---:|");
                foreach (var run in done)
                {
                    output.WriteLine($"| {run.Round} | {(run.Ocr ? "on" : "off")} | {run.Label} | {run.SearchableSeconds:0.00} | {run.AllSeconds:0.00} |");
                }
            }
            foreach (var group in groups)
            {
                var first = group.First();
                output.WriteLine();
                output.WriteLine($"### Steps, OCR {(group.Key.Ocr ? "on" : "off")}, embeddings {first.Label} ({first.Processed} processed, {first.Failed} failed; " +
                    $"busy time summed over documents, mean of {group.Count()} run(s), workers run in parallel)");
                output.WriteLine();
                output.WriteLine("| step | runs | busy s | share |");
                output.WriteLine("|---|---:|---:|---:|");
                var steps = group.SelectMany(r => r.Steps).GroupBy(s => s.Key)
                    .ToDictionary(s => s.Key, s => (Runs: s.Sum(x => x.Value.Runs) / group.Count(), Seconds: s.Sum(x => x.Value.Seconds) / group.Count()));
                var total = steps.Values.Sum(s => s.Seconds);
                foreach (var step in IngestionSteps.All.Where(steps.ContainsKey))
                {
                    var (count, seconds) = steps[step];
                    output.WriteLine($"| {step} | {count} | {seconds:0.00} | {seconds / total:P0} |");
                }
            }
            return done.All(r => r.Failed == 0) ? 0 : 1;
        });
        return command;
    }

    /// <summary>The most runs <c>--runs</c> takes.</summary>
    public const int MaxRuns = 20;

    private sealed record IngestRun(
        int Round, bool Ocr, string? Setting, string Embeddings, int Pages, int Processed, int Failed, double SearchableSeconds, double AllSeconds,
        Dictionary<string, (int Runs, double Seconds)> Steps)
    {
        /// <summary>The setting the run asked for (when one was named) and the model signature it ran with.</summary>
        public string Label => Setting is null ? Embeddings : $"{Setting} ({Embeddings})";
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<IngestRun> RunProductAsync(
        Microsoft.Extensions.Logging.ILoggerFactory loggers, string[] files, bool ocr, string? model, int round, CancellationToken cancellationToken)
    {
        await using var workspace = await BenchWorkspace.CreateAsync(loggers, services =>
        {
            if (!ocr)
            {
                services.AddSingleton(TesseractOcr.Disabled());
            }
        }, model is null ? [] : [$"{ModelOptions.Section}:Embeddings={model}"], cancellationToken);
        var objects = workspace.Get<IObjectStore>();
        var intake = workspace.Get<DocumentIntake>();
        var jobs = workspace.Get<IJobQueue>();
        var store = workspace.Get<IRagStore>();
        var keys = files.Select((f, i) => $"bench/{i:000}-{Path.GetFileName(f)}").ToArray();
        for (var i = 0; i < files.Length; i++)
        {
            await using var content = File.OpenRead(files[i]);
            await objects.PutAsync(keys[i], content, cancellationToken);
        }

        // Uploads are in place; the clock runs from the first queued job to the last step done.
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        foreach (var key in keys)
        {
            await intake.ProcessKeyAsync(key, force: true, cancellationToken);
        }
        var workers = workspace.Get<IOptions<IngestionOptions>>().Value.Workers;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => RunJobsAsync(workspace.Get<JobRunner>(), jobs, $"bench/{i}", cancellationToken)));
        var all = clock.Elapsed.TotalSeconds;

        var documents = await store.ListDocumentsAsync(cancellationToken);
        var steps = new Dictionary<string, (int, double)>();
        var searchable = started;
        foreach (var document in documents)
        {
            foreach (var run in await jobs.ListStepsAsync(document.Id, cancellationToken))
            {
                var (count, seconds) = steps.GetValueOrDefault(run.Step);
                steps[run.Step] = (count + 1, seconds + (run.Duration ?? TimeSpan.Zero).TotalSeconds);
                if (run.Step == IngestionSteps.Retiring && run.FinishedAt > searchable)
                {
                    searchable = run.FinishedAt.Value;
                }
            }
        }
        var processed = documents.Where(d => d.Status == DocumentStatus.Processed).ToArray();
        return new IngestRun(round, ocr, model, workspace.Get<ChunkEmbedder>().ModelSignature, processed.Sum(d => d.Pages), processed.Length,
            documents.Count - processed.Length, (searchable - started).TotalSeconds, all, steps);
    }

    private static async Task RunJobsAsync(JobRunner runner, IJobQueue jobs, string owner, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await runner.RunNextAsync(owner, cancellationToken) is not null)
            {
                continue;
            }
            if (await jobs.CountPendingAsync(cancellationToken) == 0)
            {
                return;
            }
            await Task.Delay(20, cancellationToken); // the other worker holds the last job, or a retry waits
        }
    }
}
