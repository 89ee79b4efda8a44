using System.CommandLine;
using System.Globalization;
using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Fidelity;
using PharmaRag.Bench.Ingestion;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Storage;

namespace PharmaRag.Bench.Commands;

/// <summary>
/// `pharmarag-bench fidelity --pdf FILE...`: how much of a PDF's text survives parsing and chunking
/// whole enough to be found by the bench's answer rule, with poppler's pdftotext as the reference
/// and no question at all, so it can be run on any document, test sets included. Each PDF is
/// ingested through the real pipeline; every sentence and table row of pdftotext's text is looked
/// for in the document's stored chunks, and each miss is listed with its likely cause.
/// </summary>
internal static class FidelityBenchCommand
{
    public static Command Create()
    {
        var pdfs = new Option<string[]>("--pdf") { Description = "PDF file(s) to check", Required = true, AllowMultipleArgumentsPerToken = true };
        var misses = new Option<int>("--misses") { Description = "List at most this many misses per PDF", DefaultValueFactory = _ => 200 };
        var dump = new Option<string?>("--chunks") { Description = "Also write every stored chunk of the PDFs to this text file, to read the misses against" };
        var command = new Command("fidelity", "Share of a PDF's sentences and table rows (pdftotext as reference) found whole in its stored chunks, with the misses")
        {
            pdfs, misses, dump,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var console = new BenchConsole(parse.InvocationConfiguration.Error);
            var files = parse.GetValue(pdfs)!;
            if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                await console.Error.WriteLineAsync($"No file {Path.GetFullPath(missing)}.");
                return 2;
            }
            var documents = files.Select((f, i) => CorpusDocument.FromFile($"{i:00}-{Path.GetFileName(f)}", f)).ToArray();
            var set = new BenchSet("fidelity", SetScoring.AnswerContainment, documents, []);
            using var loggers = BenchLogging.Create();
            await using var workspace = await BenchWorkspace.CreateAsync(loggers, cancellationToken);
            var ingestion = await console.RunAsync($"fidelity: ingest {documents.Length} documents", documents.Length,
                progress => new CorpusIngestor(workspace, loggers.CreateLogger<CorpusIngestor>()).IngestAsync(set, progress, cancellationToken));
            var chunks = await ChunkReader.ReadAllAsync(workspace.Get<IRagStore>(), ingestion.Processed, cancellationToken);

            if (parse.GetValue(dump) is { } dumpPath)
            {
                await File.WriteAllLinesAsync(dumpPath, chunks.OrderBy(c => c.DocumentId, StringComparer.Ordinal).ThenBy(c => c.Ordinal)
                    .Select(c => $"=== {c.DocumentId[..8]} chunk {c.Ordinal} ({c.Kind}, pages {string.Join(",", c.Pages)}; {c.SectionPath})\n{c.Text}"), cancellationToken);
            }
            var commit = await Reporting.ReportFiles.TryDescribeCommitAsync(cancellationToken);
            output.WriteLine($"## PharmaRag bench fidelity (commit {commit ?? "unknown"})");
            output.WriteLine();
            output.WriteLine("| PDF | pages | chunks | sentences | found | share | table rows | found | share | misses by cause |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            var listed = new List<(string File, IReadOnlyList<FidelityResult> Misses)>();
            for (var i = 0; i < files.Length; i++)
            {
                var storeId = ingestion.Map.StoreIdOf(documents[i].Id);
                var own = chunks.Where(c => c.DocumentId == storeId).OrderBy(c => c.Ordinal).ToArray();
                var check = new FidelityCheck(own.Select(c => c.Text));
                var sentences = ReferenceText.Sentences(await PdftotextPages.ReadAsync(files[i], layout: false, cancellationToken));
                var rows = ReferenceText.Rows(await PdftotextPages.ReadAsync(files[i], layout: true, cancellationToken));
                var results = sentences.Concat(rows).Select(check.Check).ToArray();
                var sentenceHits = results.Count(r => !r.Unit.IsRow && r.Outcome == FidelityOutcome.Found);
                var rowHits = results.Count(r => r.Unit.IsRow && r.Outcome == FidelityOutcome.Found);
                var missed = results.Where(r => r.Outcome != FidelityOutcome.Found).ToArray();
                var causes = string.Join(", ", missed.GroupBy(r => r.Outcome).OrderByDescending(g => g.Count()).Select(g => $"{Cause(g.Key)} {g.Count()}"));
                var pages = ingestion.Processed.FirstOrDefault(d => d.Id == storeId)?.Pages ?? 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Path.GetFileName(files[i])} | {pages} | {own.Length} | {sentences.Count} | {sentenceHits} | {Share(sentenceHits, sentences.Count)} | " +
                    $"{rows.Count} | {rowHits} | {Share(rowHits, rows.Count)} | {causes} |"));
                listed.Add((Path.GetFileName(files[i]), missed));
            }
            var limit = parse.GetValue(misses);
            foreach (var (file, missed) in listed.Where(l => l.Misses.Count > 0 && limit > 0))
            {
                output.WriteLine();
                output.WriteLine($"### Misses: {file}");
                output.WriteLine();
                output.WriteLine("| page | kind | cause | matched chars | reference text | chunk goes on with |");
                output.WriteLine("|---:|---|---|---:|---|---|");
                foreach (var miss in missed.OrderBy(m => m.Unit.Page).Take(limit))
                {
                    output.WriteLine($"| {miss.Unit.Page} | {(miss.Unit.IsRow ? "row" : "sentence")} | {Cause(miss.Outcome)} | {miss.Matched} | " +
                        $"{Cell(miss.Unit.Text, 110)} | {Cell(miss.Context, 50)} |");
                }
            }
            output.WriteLine();
            output.WriteLine($"- A sentence (reading-order pdftotext, paragraphs joined across lines, at least {ReferenceText.MinimumLength} normalised characters) " +
                "is found when its first 60 normalised characters, or all of it if shorter, are in one stored chunk of its document (the answer rule of recall). " +
                "A table row (a physical-layout line printing two or more cells 3+ spaces apart) is found when its cells occur in order in one chunk. " +
                "Lines repeated on three or more pages (running headers, footers) are not units.");
            return 0;
        });
        return command;
    }

    private static string Cause(FidelityOutcome outcome) => outcome switch
    {
        FidelityOutcome.ChunkBoundary => "chunk boundary",
        FidelityOutcome.SpacingOrPunctuation => "spacing/punctuation",
        FidelityOutcome.RowCellsApart => "row cells apart (columns)",
        FidelityOutcome.RowCellLost => "row cell lost",
        FidelityOutcome.Diverges => "text diverges",
        _ => "found",
    };

    private static string Share(int hits, int total) => total == 0 ? "" : (hits / (double)total).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Cell(string text, int max)
    {
        var flat = text.Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal);
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}
