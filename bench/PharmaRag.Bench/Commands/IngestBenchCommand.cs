using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;
using PharmaRag.Documents.Ocr;

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
        var command = new Command("ingest", "Pages per second of ingestion (OCR on and off) next to pdftotext on the same PDFs, with a per-step breakdown")
        {
            pdfs, ocr,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(pdfs)!;
            if (!Directory.Exists(folder))
            {
                await Console.Error.WriteLineAsync($"No folder {Path.GetFullPath(folder)}: pass the folder of PDFs with --pdfs DIR.");
                return 2;
            }
            var files = Directory.EnumerateFiles(folder, "*.pdf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            var mode = parse.GetValue(ocr)!;
            using var loggers = BenchLogging.Create();

            var runs = new List<IngestRun>();
            foreach (var withOcr in mode switch { "on" => new[] { true }, "off" => [false], _ => [false, true] })
            {
                runs.Add(await RunProductAsync(loggers, files, withOcr, cancellationToken));
            }
            var pages = runs[0].Pages;
            var pdftotext = await PdftotextRun.TimeAsync(files, 1, cancellationToken);
            var pdftotextParallel = await PdftotextRun.TimeAsync(files, Environment.ProcessorCount, cancellationToken);

            Console.WriteLine($"## Ingestion: {files.Length} PDFs, {pages} pages, {Environment.ProcessorCount} cores");
            Console.WriteLine();
            Console.WriteLine("| run | searchable after s | pages/s to searchable | all steps done s | pages/s all steps | vs pdftotext (1 process) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            var reference = pages / pdftotext;
            Console.WriteLine($"| pdftotext, 1 process | {pdftotext:0.00} | {reference:0.0} | | | 1.00 |");
            Console.WriteLine($"| pdftotext, {Environment.ProcessorCount} processes | {pdftotextParallel:0.00} | {pages / pdftotextParallel:0.0} | | | {pages / pdftotextParallel / reference:0.00} |");
            foreach (var run in runs)
            {
                Console.WriteLine($"| PharmaRag, OCR {(run.Ocr ? "on" : "off")} | {run.SearchableSeconds:0.00} | {run.Pages / run.SearchableSeconds:0.0} | " +
                    $"{run.AllSeconds:0.00} | {run.Pages / run.AllSeconds:0.0} | {run.Pages / run.SearchableSeconds / reference:0.00} |");
            }
            foreach (var run in runs)
            {
                Console.WriteLine();
                Console.WriteLine($"### Steps, OCR {(run.Ocr ? "on" : "off")} ({run.Processed} processed, {run.Failed} failed; busy time summed over documents, workers run in parallel)");
                Console.WriteLine();
                Console.WriteLine("| step | runs | busy s | share |");
                Console.WriteLine("|---|---:|---:|---:|");
                var total = run.Steps.Values.Sum(s => s.Seconds);
                foreach (var step in IngestionSteps.All.Where(run.Steps.ContainsKey))
                {
                    var (count, seconds) = run.Steps[step];
                    Console.WriteLine($"| {step} | {count} | {seconds:0.00} | {seconds / total:P0} |");
                }
            }
            return runs.All(r => r.Failed == 0) ? 0 : 1;
        });
        return command;
    }

    private sealed record IngestRun(
        bool Ocr, int Pages, int Processed, int Failed, double SearchableSeconds, double AllSeconds, Dictionary<string, (int Runs, double Seconds)> Steps);

    private static async Task<IngestRun> RunProductAsync(Microsoft.Extensions.Logging.ILoggerFactory loggers, string[] files, bool ocr, CancellationToken cancellationToken)
    {
        await using var workspace = await BenchWorkspace.CreateAsync(loggers, services =>
        {
            if (!ocr)
            {
                services.AddSingleton(TesseractOcr.Disabled());
            }
        }, cancellationToken);
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
        return new IngestRun(ocr, processed.Sum(d => d.Pages), processed.Length, documents.Count - processed.Length,
            (searchable - started).TotalSeconds, all, steps);
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
