using System.CommandLine;
using PharmaRag.Core.Configuration;

namespace PharmaRag.Bench.Commands;

/// <summary>`pharmarag-bench`: measure ingestion, retrieval quality, latency and memory next to a BM25 baseline.</summary>
public static class BenchCommand
{
    /// <summary>Stack traces with errors; as the product CLI's --verbose.</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Print the stack trace with an error", Recursive = true };

    public static RootCommand CreateRoot() => new("pharmarag-bench: benchmark ingestion, retrieval quality, latency and memory against a BM25 baseline")
    {
        QaBenchCommand.Create(),
        DatasetsBenchCommand.Create(),
        VectorsBenchCommand.Create(),
        SearchScaleBenchCommand.Create(),
        IngestBenchCommand.Create(),
        FidelityBenchCommand.Create(),
        Verbose,
    };

    internal static Option<string> Mode() => new("--mode")
    {
        Description = $"Query mode to measure, or '{ModeSelection.All}' for every implemented mode",
        DefaultValueFactory = _ => ModeSelection.All,
    };

    /// <summary>Extra rows of the pipeline with other vector weights, over the same ingested workspace.</summary>
    internal static Option<double[]> VectorWeights() => new("--vector-weights")
    {
        Description = "Also measure each mode with these PharmaRag:Retrieval:VectorWeight values (one row each, same ingested data; " +
            "for tuning on a development set, never on a test split)",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    /// <summary>Extra rows with other fusion methods, each at every --vector-weights value (or the configured weight).</summary>
    internal static Option<FusionMethod[]> Fusions() => new("--fusions")
    {
        Description = "Also measure each mode with these PharmaRag:Retrieval:Fusion methods (rrf, convex), " +
            "each at every --vector-weights value, or at the configured weight without it (one row each, same ingested data)",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    internal static Option<string?> Json() => new("--json")
    {
        Description = "Where to write the JSON report (default: bench/results/<set>-<timestamp>.json)",
    };
}
