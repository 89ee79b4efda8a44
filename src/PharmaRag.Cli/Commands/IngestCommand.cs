using System.CommandLine;
using PharmaRag.Cli.Terminal;
using System.Diagnostics;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;
using Spectre.Console;

namespace PharmaRag.Cli.Commands;

/// <summary>`pharmarag ingest PATH...`: process files or folders into the data directory.</summary>
internal static class IngestCommand
{
    private sealed record Outcome(string File, DocumentRecord? Document, double Seconds, string? Error);

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to ingest", Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force") { Description = "Re-process documents that were already processed" };
        var data = CommonOptions.Data();
        var command = new Command("ingest", "Ingest files or folders (recursively) through the full pipeline: each file is searchable as soon as it is indexed; background steps finish at the end") { paths, force, data }.AcceptingSettings();
        command.SetAction(async (parse, cancellationToken) =>
        {
            // The paths argument takes every token, so settings (--Section:Key=value) are picked out of it.
            var (settings, inputs) = SplitSettings(parse.GetValue(paths)!);
            var parsed = CliInvocation.From(parse);
            var invocation = parsed with { ConfigurationArgs = [.. parsed.ConfigurationArgs, .. settings] };
            await using var services = await CliServices.OpenAsync(parse.GetValue(data), invocation, write: true, cancellationToken);
            OcrNotice.WarnIfMissing();
            var files = Expand(inputs, services.Get<DocumentParserRegistry>(), out var missing);
            foreach (var path in missing)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Not found:[/] {path}");
            }
            var outcomes = await IngestAsync(services, files, parse.GetValue(force), cancellationToken);
            PrintSummary(outcomes);
            return missing.Count == 0 && outcomes.All(o => o.Document?.Status == DocumentStatus.Processed) ? 0 : 1;
        });
        return command;
    }

    private static (string[] Settings, string[] Paths) SplitSettings(string[] tokens)
    {
        static bool IsSetting(string token) => token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal) && token.Contains('=', StringComparison.Ordinal);
        return ([.. tokens.Where(IsSetting)], [.. tokens.Where(t => !IsSetting(t))]);
    }

    /// <summary>Files under the given paths that a parser reads, with the object key each is stored under.</summary>
    private static List<(string Path, string Key)> Expand(string[] paths, DocumentParserRegistry parsers, out List<string> missing)
    {
        missing = [];
        var files = new List<(string, string)>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add((path, "ingest/" + Path.GetFileName(path)));
            }
            else if (Directory.Exists(path))
            {
                var root = Path.GetFullPath(path);
                files.AddRange(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                    .Where(f => parsers.Supports(f))
                    .Order(StringComparer.Ordinal)
                    .Select(f => (f, "ingest/" + Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))));
            }
            else
            {
                missing.Add(path);
            }
        }
        return files;
    }

    private static async Task<List<Outcome>> IngestAsync(
        CliServices services, List<(string Path, string Key)> files, bool force, CancellationToken cancellationToken)
    {
        var objects = services.Get<IObjectStore>();
        var intake = services.Get<DocumentIntake>();
        var runner = services.Get<JobRunner>();
        var store = services.Get<IRagStore>();
        var outcomes = new List<Outcome>();

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                foreach (var (path, key) in files)
                {
                    var task = progress.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: 1);
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        await using (var content = File.OpenRead(path))
                        {
                            await objects.PutAsync(key, content, cancellationToken);
                        }
                        var intakeResult = await intake.ProcessKeyAsync(key, force, cancellationToken);
                        var id = intakeResult.Document.Id;
                        var work = RunUntilDoneAsync(runner, store, id, cancellationToken);
                        while (!work.IsCompleted)
                        {
                            await Task.WhenAny(work, Task.Delay(200, cancellationToken));
                            task.Value = (await store.GetDocumentAsync(id, cancellationToken))?.Progress ?? 0;
                        }
                        await work;
                        var document = await store.GetDocumentAsync(id, cancellationToken);
                        outcomes.Add(new Outcome(path, document, clock.Elapsed.TotalSeconds, document?.Error));
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
                    {
                        outcomes.Add(new Outcome(path, null, clock.Elapsed.TotalSeconds, ex.Message));
                    }
                    task.Value = 1;
                    task.StopTask();
                }
                await RunBackgroundStepsAsync(progress, runner, services.Get<IJobQueue>(), store, outcomes, cancellationToken);
            });
        return outcomes;
    }

    /// <summary>
    /// Every file is searchable by now; the background steps (figure OCR and descriptions,
    /// embeddings, graph) ran behind them and are finished here, one bar for all documents.
    /// </summary>
    private static async Task RunBackgroundStepsAsync(
        ProgressContext progress, JobRunner runner, IJobQueue jobs, IRagStore store, List<Outcome> outcomes, CancellationToken cancellationToken)
    {
        var ids = outcomes.Where(o => o.Document is { PendingSteps.Count: > 0 }).Select(o => o.Document!.Id).ToArray();
        if (ids.Length == 0)
        {
            return;
        }
        var task = progress.AddTask("background steps", maxValue: ids.Length * IngestionSteps.Background.Count);
        var owner = $"cli/{Environment.ProcessId}";
        while (await jobs.CountPendingAsync(cancellationToken) > 0)
        {
            if (await runner.RunNextAsync(owner, cancellationToken) is null)
            {
                await Task.Delay(250, cancellationToken); // waiting for a retry's backoff
            }
            var documents = await store.GetDocumentsAsync(ids, cancellationToken);
            task.Value = ids.Length * IngestionSteps.Background.Count - documents.Sum(d => d.PendingSteps.Count);
        }
        task.Value = task.MaxValue;
        task.StopTask();
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i].Document is { } document && ids.Contains(document.Id))
            {
                var final = await store.GetDocumentAsync(document.Id, cancellationToken);
                outcomes[i] = outcomes[i] with { Document = final, Error = final?.Error };
            }
        }
    }

    private static async Task RunUntilDoneAsync(JobRunner runner, IRagStore store, string documentId, CancellationToken cancellationToken)
    {
        var owner = $"cli/{Environment.ProcessId}";
        while (await store.GetDocumentAsync(documentId, cancellationToken) is { Status: DocumentStatus.Pending or DocumentStatus.Processing })
        {
            if (await runner.RunNextAsync(owner, cancellationToken) is null)
            {
                await Task.Delay(250, cancellationToken); // waiting for a retry's backoff
            }
        }
    }

    private static void PrintSummary(List<Outcome> outcomes)
    {
        var table = new Table().AddColumns("File", "Status", "Pages", "Chunks", "Seconds", "Error");
        foreach (var o in outcomes)
        {
            var status = o.Document?.Status.ToString().ToLowerInvariant() ?? "failed";
            var color = status == "processed" ? "green" : "red";
            table.AddRow(
                Markup.Escape(Path.GetFileName(o.File)), $"[{color}]{status}[/]",
                (o.Document?.Pages ?? 0).ToString(), (o.Document?.Chunks ?? 0).ToString(),
                o.Seconds.ToString("0.00"), Markup.Escape(o.Error ?? ""));
        }
        AnsiConsole.Write(table);
        var pages = outcomes.Sum(o => o.Document?.Pages ?? 0);
        var seconds = outcomes.Sum(o => o.Seconds);
        AnsiConsole.MarkupLine($"{outcomes.Count(o => o.Document?.Status == DocumentStatus.Processed)} of {outcomes.Count} processed; " +
            $"{pages} pages in {seconds:0.0} s ({(seconds > 0 ? pages / seconds : 0):0.0} pages/s)");
    }
}
