using System.Globalization;
using PharmaRag.Bench.Evaluation;
using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Reporting;

/// <summary>Renders a run as plain Markdown: an ingestion table and a retrieval table, one row per set and retriever.</summary>
public static class MarkdownReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, RunReport run)
    {
        output.WriteLine($"## PharmaRag bench {run.Command}{(run.Quick ? " (QUICK RUN: subsampled sets, not comparable with full runs)" : "")}");
        output.WriteLine();
        output.WriteLine(string.Create(Invariant,
            $"commit {run.Commit ?? "unknown"}; {run.ProcessorCount} cores; {run.OperatingSystem}; started {run.StartedAt:yyyy-MM-dd HH:mm:ss}Z; " +
            $"wall-clock {run.WallSeconds:0.0} s; process peak working set {run.ProcessPeakWorkingSetMb:0} MB"));
        output.WriteLine();
        output.WriteLine(Models(run.Sets));
        output.WriteLine();
        WriteIngestion(output, run.Sets);
        output.WriteLine();
        WriteRetrieval(output, run.Sets);
        output.WriteLine();
        WriteByKind(output, run.Sets);
        WriteNotes(output, run);
    }

    /// <summary>The embedding model and vector weight the rows ran with (one per distinct setting; every set has its own workspace).</summary>
    private static string Models(IReadOnlyList<SetReport> sets) =>
        string.Join("; ", sets.Select(s => string.Create(Invariant,
                $"embeddings {s.Embeddings ?? "unknown"}, vector weight {(s.VectorWeight is { } w ? w.ToString(Invariant) : "unknown")} ({s.Fusion ?? "unknown"} fusion)"))
            .Distinct());

    private static void WriteIngestion(TextWriter output, IReadOnlyList<SetReport> sets)
    {
        output.WriteLine("| set | documents | failed | chunks | pages | searchable s | ingest s (all steps) | throughput | peak MB |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in sets)
        {
            output.WriteLine(string.Create(Invariant,
                $"| {s.Name} | {s.Documents} | {s.FailedDocuments} | {s.Chunks} | {s.Pages} | {s.SearchableSeconds:0.0} | {s.IngestSeconds:0.0} | " +
                $"{s.Throughput:0.0} {s.ThroughputUnit} | {s.PeakWorkingSetMb:0} |"));
        }
    }

    private static void WriteRetrieval(TextWriter output, IReadOnlyList<SetReport> sets)
    {
        var metrics = MetricNames.InReportOrder(sets.SelectMany(s => s.Modes).SelectMany(m => m.Metrics.Keys)).ToArray();
        // The ceiling belongs to the set's chunks, not to a retriever: the same on every row, beside recall.
        var ceiling = sets.Any(s => s.GoldInAnyChunk is not null);
        output.WriteLine($"| set | mode | n | {string.Join(" | ", metrics.Select(Header))} |{(ceiling ? " gold in any chunk (ceiling) | gold in reference text |" : "")} p50 ms | p95 ms |");
        output.WriteLine($"|---|---|---:|{string.Concat(metrics.Select(_ => "---:|"))}{(ceiling ? "---:|---:|" : "")}---:|---:|");
        foreach (var s in sets)
        {
            foreach (var m in s.Modes)
            {
                var values = metrics.Select(name => m.Metrics.TryGetValue(name, out var v) ? v.ToString("0.000", Invariant) : "");
                var bound = ceiling ? $" {s.GoldInAnyChunk?.ToString("0.000", Invariant)} | {s.GoldInReferenceText?.ToString("0.000", Invariant)} |" : "";
                output.WriteLine(string.Create(Invariant,
                    $"| {s.Name} | {m.Mode} | {m.Questions} | {string.Join(" | ", values)} |{bound} {m.LatencyP50Ms:0.0} | {m.LatencyP95Ms:0.0} |"));
            }
        }
    }

    // Question files that give kinds ("text", "table") get one more table: the same metrics per kind.
    private static void WriteByKind(TextWriter output, IReadOnlyList<SetReport> sets)
    {
        var rows = sets.SelectMany(s => s.Modes.Where(m => m.ByKind is not null).SelectMany(m => m.ByKind!.Select(k => (Set: s, Mode: m, Kind: k.Key, Metrics: k.Value))))
            .ToArray();
        if (rows.Length == 0)
        {
            return;
        }
        var metrics = MetricNames.InReportOrder(rows.SelectMany(r => r.Metrics.Keys)).ToArray();
        output.WriteLine($"| set | mode | kind | {string.Join(" | ", metrics.Select(Header))} |");
        output.WriteLine($"|---|---|---|{string.Concat(metrics.Select(_ => "---:|"))}");
        foreach (var (set, mode, kind, values) in rows)
        {
            var cells = metrics.Select(name => values.TryGetValue(name, out var v) ? v.ToString("0.000", Invariant) : "");
            output.WriteLine($"| {set.Name} | {mode.Mode} | {kind} | {string.Join(" | ", cells)} |");
        }
        output.WriteLine();
    }

    private static void WriteNotes(TextWriter output, RunReport run)
    {
        foreach (var s in run.Sets)
        {
            output.WriteLine($"- {s.Name}: {s.Description}; {s.Depth} chunks retrieved per question" +
                (s.Sampling is null ? "" : $"; {s.Sampling}") +
                (s.StoredDocuments < s.Documents - s.FailedDocuments ? $"; {s.StoredDocuments} distinct stored documents" : ""));
        }
        output.WriteLine("- recall@k: for answer sets, the share of questions with a gold answer (or its first 60 characters, normalised) " +
            "in a top-k chunk (the 60-character prefix rule); for document sets, the share of relevant documents among the top k documents (chunks collapse " +
            "to their document at its first rank). MRR within the retrieved depth. Latency is retrieval only, one query at a time.");
        if (run.Sets.Any(s => s.GoldInAnyChunk is not null))
        {
            output.WriteLine("- gold in any chunk (ceiling): the share of questions whose gold answer (same prefix rule) is contained in at least one " +
                "stored chunk of the documents the question may search; recall at any k cannot exceed it, so the gap below it is ranking and the gap above it is text lost or split by parsing and chunking. " +
                "gold in reference text: the same share over pdftotext's text of the PDFs (the text itself for text documents); " +
                "a gold missing there is not printed verbatim (paraphrased, or across table cells), so the gap between the two is the product's text loss.");
        }
        output.WriteLine("- Answer metrics (answer sets, product modes only; the answer is /rag-query's with the default top_k): " +
            "answer ⊇ gold is the share of answers whose text, normalised, contains a whole gold answer (no prefix rule); " +
            "page cited is the share of questions that name a gold page whose page is among the answer's first " +
            $"{AnswerScorer.CitedPageWindow} citations; citation precision is the share of all citations whose page, as stored, " +
            "holds the quoted text.");
        output.WriteLine("- Rows named after a query mode are the product's retrieval (RagQueryService.RetrieveAsync, modes that are " +
            "implemented today); bm25-baseline is Lucene.Net BM25 (English analyzer, k1 1.2, b 0.75) over the same stored chunks.");
    }

    private static string Header(string metric) => metric switch
    {
        MetricNames.Ndcg10 => "nDCG@10",
        MetricNames.Mrr => "MRR",
        MetricNames.AnswerContainsGold => "answer ⊇ gold",
        MetricNames.GoldPageCited => "page cited",
        MetricNames.CitationPrecision => "citation precision",
        _ => metric.Replace("recall@", "R@", StringComparison.Ordinal),
    };
}
