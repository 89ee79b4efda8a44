using System.CommandLine;
using System.Globalization;
using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Evaluation;
using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Commands;

/// <summary>`pharmarag-bench qa --docs DIR --questions FILE.jsonl`: a folder of documents and questions scored by answer containment.</summary>
internal static class QaBenchCommand
{
    public static Command Create()
    {
        var docs = new Option<string>("--docs") { Description = "Folder of documents (.pdf, .txt, .md), read recursively", Required = true };
        var questions = new Option<string>("--questions")
        {
            Description = "JSON Lines: {\"id\", \"doc\"?, \"document\"?, \"page\"?, \"kind\"?, \"question\", \"answers\": [...]} per line; " +
                "doc scopes the question to that file; document and page name where the gold is printed (page cited) without scoping",
            Required = true,
        };
        var k = new Option<int>("--k") { Description = "Chunks retrieved and the k of recall@k", DefaultValueFactory = _ => 5 };
        k.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--k must be between 1 and 1000.");
            }
        });
        var scoped = new Option<bool>("--scoped")
        {
            Description = "Scope each question to its gold \"document\" (as the remdesivir set scopes its questions to the label) instead of the whole library",
        };
        var mode = BenchCommand.Mode();
        var json = BenchCommand.Json();
        var vectorWeights = BenchCommand.VectorWeights();
        var fusions = BenchCommand.Fusions();
        var command = new Command("qa", "Ingest a folder into a fresh data directory and score questions by answer containment")
        {
            docs, questions, k, scoped, mode, json, vectorWeights, fusions,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var console = new BenchConsole(parse.InvocationConfiguration.Error);
            if (!ModeSelection.TryParse(parse.GetValue(mode), out var modes, out var modeError))
            {
                await console.Error.WriteLineAsync(modeError);
                return 2;
            }
            var cutoff = parse.GetValue(k);
            BenchSet set;
            try
            {
                set = BenchDatasets.LoadQa(parse.GetValue(docs)!, parse.GetValue(questions)!, cutoff, parse.GetValue(scoped));
            }
            catch (BenchDataException ex)
            {
                await console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            var report = await BenchRun.RunAsync("qa", quick: false, [() => set], modes, parse.GetValue(json), output, console, cancellationToken, parse.GetValue(vectorWeights), parse.GetValue(fusions));

            var summary = ModeSelection.Summary(modes).ToString().ToLowerInvariant();
            var row = report.Sets[0].Modes.First(m => m.Mode == summary);
            // Recall counts a gold answer, or its first 60 characters, in a top-k chunk; the answer
            // metrics need the whole gold string in the answer text.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Optional(row, MetricNames.AnswerContainsGold)}{Optional(row, MetricNames.GoldPageCited)}{Optional(row, MetricNames.CitationPrecision)}" +
                $"({summary}; recall counts a gold answer or its first {AnswerNormalizer.PrefixLength} characters in a chunk; answer metrics need the whole gold answer)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recall@{cutoff} {row.Metrics[MetricNames.Recall(cutoff)]:0.0000} (n={row.Questions})"));
            return 0;
        });
        return command;
    }

    private static string Optional(ModeReport row, string metric) =>
        row.Metrics.TryGetValue(metric, out var value) ? string.Create(CultureInfo.InvariantCulture, $"{metric} {value:0.0000}; ") : "";
}
