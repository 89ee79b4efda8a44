namespace PharmaRag.Bench.Reporting;

/// <summary>One run of the harness, as printed and as saved to JSON for comparison across commits.</summary>
public sealed record RunReport
{
    public required string Command { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>`git describe --always --dirty` of the working directory, when it is a repository.</summary>
    public string? Commit { get; init; }
    public required bool Quick { get; init; }
    /// <summary>The query mode the product runs for a query that names none, reported on the last line of `bench qa`.</summary>
    public required string DefaultMode { get; init; }
    public required int ProcessorCount { get; init; }
    public required string OperatingSystem { get; init; }
    public required double WallSeconds { get; init; }
    /// <summary>Process.PeakWorkingSet64 at the end of the run.</summary>
    public required double ProcessPeakWorkingSetMb { get; init; }
    public required IReadOnlyList<SetReport> Sets { get; init; }
}
