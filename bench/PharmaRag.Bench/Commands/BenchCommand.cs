using System.CommandLine;

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
        Verbose,
    };

    internal static Option<string> Mode() => new("--mode")
    {
        Description = $"Query mode to measure, or '{ModeSelection.All}' for every implemented mode",
        DefaultValueFactory = _ => ModeSelection.All,
    };

    internal static Option<string?> Json() => new("--json")
    {
        Description = "Where to write the JSON report (default: bench/results/<set>-<timestamp>.json)",
    };
}
