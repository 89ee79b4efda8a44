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
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;
using PharmaRag.Core.Storage;

namespace PharmaRag.Bench.Commands;

/// <summary>Measures one set: a fresh workspace, ingestion through the pipeline, then every mode and the baseline.</summary>
internal sealed class SetBenchmark(ILoggerFactory loggers, BenchConsole console)
{
    public async Task<SetReport> RunAsync(BenchSet set, IReadOnlyList<QueryMode> modes, IReadOnlyList<double> vectorWeights, IReadOnlyList<FusionMethod> fusions, CancellationToken cancellationToken)
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
        // The retriever reads its options object on every query, so other vector weights and fusion
        // methods can be measured over the same ingested data: one row each, then the configured
        // setting again. With --fusions, the --vector-weights rows are those of each fusion method.
        var retrieval = workspace.Get<IOptions<RetrievalOptions>>().Value;
        var configured = (Weight: retrieval.VectorWeight, retrieval.Fusion);
        IEnumerable<(double? Weight, FusionMethod Fusion, string Label)> sweeps = fusions.Count == 0
            ? vectorWeights.Select(w => ((double?)w, configured.Fusion, string.Create(CultureInfo.InvariantCulture, $"VectorWeight {w}")))
            : fusions.SelectMany(f => (vectorWeights.Count == 0 ? [configured.Weight] : vectorWeights.Select(w => (double?)w))
                .Select(w => (w, f, string.Create(CultureInfo.InvariantCulture, $"{f.ToString().ToLowerInvariant()}, VectorWeight {(w is { } v ? v : "default")}"))));
        var runs = modes.Select(m => (Retriever: (IBenchRetriever)new PipelineRetriever(service, m), configured.Weight, configured.Fusion))
            .Concat(sweeps.SelectMany(s => modes.Select(m => (Retriever: (IBenchRetriever)new PipelineRetriever(
                service, m, $"{m.ToString().ToLowerInvariant()} ({s.Label})"), s.Weight, s.Fusion))))
            .Append((Retriever: baseline, configured.Weight, configured.Fusion));
        var rows = new List<ModeReport>();
        foreach (var (retriever, weight, fusion) in runs)
        {
            retrieval.VectorWeight = weight;
            retrieval.Fusion = fusion;
            rows.Add(await console.RunAsync(
                $"{set.Name}: {retriever.Name}, {set.Questions.Count} questions", set.Questions.Count,
                progress => SetEvaluator.EvaluateAsync(set, ingestion.Map, retriever, pages, progress, cancellationToken)));
        }
        retrieval.VectorWeight = configured.Weight;
        retrieval.Fusion = configured.Fusion;

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
            Embeddings = workspace.Get<ChunkEmbedder>().ModelSignature,
            VectorWeight = retrieval.VectorWeightFor(workspace.Get<ChunkEmbedder>().IsLexicalOnly),
            Fusion = configured.Fusion.ToString().ToLowerInvariant(),
            Modes = rows,
        };
    }
}
