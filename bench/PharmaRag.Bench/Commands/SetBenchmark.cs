using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Evaluation;
using PharmaRag.Bench.Fidelity;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Bench.Reporting;
using PharmaRag.Bench.Retrieval;
using PharmaRag.Bench.Scoring;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Retrieval;
using PharmaRag.Core.Storage;

namespace PharmaRag.Bench.Commands;

/// <summary>Measures one set: a fresh workspace, ingestion through the pipeline, then every mode and the baseline.</summary>
internal sealed class SetBenchmark(ILoggerFactory loggers, BenchConsole console)
{
    public async Task<SetReport> RunAsync(BenchSet set, IReadOnlyList<QueryMode> modes, IReadOnlyList<double> vectorWeights, CancellationToken cancellationToken)
    {
        // What the previous set left behind should not count as this set's memory.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var memory = new PeakMemorySampler();
        await using var workspace = await BenchWorkspace.CreateAsync(loggers, cancellationToken);

        var ingestor = new CorpusIngestor(workspace, loggers.CreateLogger<CorpusIngestor>());
        var ingestion = await console.RunAsync(
            $"{set.Name}: ingest {set.Documents.Count} documents", set.Documents.Count,
            progress => ingestor.IngestAsync(set, progress, cancellationToken));

        var indexing = Stopwatch.StartNew();
        var chunks = await ChunkReader.ReadAllAsync(workspace.Get<IRagStore>(), ingestion.Processed, cancellationToken);
        using var baseline = Bm25Baseline.Build(chunks);
        var pages = PageTexts.From(chunks);
        var ceiling = GoldCeiling.Measure(set, ingestion.Map, chunks);
        var referenceCeiling = ceiling is null ? null
            : GoldCeiling.Share(set, ingestion.Map, await ReferenceTexts.ReadAsync(set, ingestion.Map, cancellationToken));
        var indexSeconds = indexing.Elapsed.TotalSeconds;

        var service = workspace.Get<RagQueryService>();
        // The retriever reads its options object on every query, so other vector weights can be
        // measured over the same ingested data: one row each, then the configured weight again.
        var retrieval = workspace.Get<IOptions<RetrievalOptions>>().Value;
        var configured = retrieval.VectorWeight;
        var runs = modes.Select(m => (Retriever: (IBenchRetriever)new PipelineRetriever(service, m), Weight: configured))
            .Concat(vectorWeights.SelectMany(w => modes.Select(m => (Retriever: (IBenchRetriever)new PipelineRetriever(
                service, m, string.Create(CultureInfo.InvariantCulture, $"{m.ToString().ToLowerInvariant()} (VectorWeight {w})")), Weight: (double?)w))))
            .Append((Retriever: baseline, Weight: configured));
        var rows = new List<ModeReport>();
        foreach (var (retriever, weight) in runs)
        {
            retrieval.VectorWeight = weight;
            rows.Add(await console.RunAsync(
                $"{set.Name}: {retriever.Name}, {set.Questions.Count} questions", set.Questions.Count,
                progress => SetEvaluator.EvaluateAsync(set, ingestion.Map, retriever, pages, progress, cancellationToken)));
        }
        retrieval.VectorWeight = configured;

        var pdfs = set.Documents.Any(d => d.ObjectName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));
        var seconds = Math.Max(ingestion.Seconds, 1e-9);
        return new SetReport
        {
            Name = set.Name,
            Description = set.Description,
            Sampling = set.Sampling,
            Documents = set.Documents.Count,
            StoredDocuments = ingestion.Processed.Count,
            FailedDocuments = ingestion.Failures.Count,
            Chunks = ingestion.Chunks,
            Pages = ingestion.Pages,
            IngestSeconds = Math.Round(ingestion.Seconds, 2),
            SearchableSeconds = Math.Round(ingestion.SearchableSeconds, 2),
            Throughput = Math.Round(pdfs ? ingestion.Pages / seconds : (set.Documents.Count - ingestion.Failures.Count) / seconds, 1),
            ThroughputUnit = pdfs ? "pages/s" : "docs/s",
            BaselineIndexSeconds = Math.Round(indexSeconds, 2),
            Questions = set.Questions.Count,
            Depth = set.Depth,
            PeakWorkingSetMb = Math.Round(memory.PeakBytes / 1048576.0, 1),
            GoldInAnyChunk = ceiling is { } share ? Math.Round(share, 4) : null,
            GoldInReferenceText = referenceCeiling is { } reference ? Math.Round(reference, 4) : null,
            Modes = rows,
        };
    }
}
