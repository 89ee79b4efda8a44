using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PharmaRag.Core.Diagnostics;

/// <summary>
/// The traces and metrics PharmaRag emits through the .NET diagnostics APIs: a span per ingestion
/// job and step and per query, and metrics for queue depth, pages parsed (and pages per second)
/// and query latency. Nothing is collected or sent unless a telemetry exporter is configured
/// (PharmaRag:Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT). No document text is recorded.
/// </summary>
public static class PharmaRagTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "PharmaRag";

    /// <summary>The activity source of model calls (Microsoft.Extensions.AI's OpenTelemetry clients).</summary>
    public const string ModelsSource = "PharmaRag.Models";

    private static int s_queueDepth;

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Histogram<double> QueryDuration { get; } = Meter.CreateHistogram<double>(
        "pharmarag.query.duration", "s", "Time to answer a query (retrieval and answer).");

    public static Histogram<double> RetrievalDuration { get; } = Meter.CreateHistogram<double>(
        "pharmarag.retrieval.duration", "s", "Time to retrieve the ranked chunks of a query or search.");

    public static Counter<long> PagesParsed { get; } = Meter.CreateCounter<long>(
        "pharmarag.ingestion.pages", "{page}", "Pages of documents parsed.");

    public static Histogram<double> PagesPerSecond { get; } = Meter.CreateHistogram<double>(
        "pharmarag.ingestion.pages_per_second", "{page}/s", "Parsing speed of one document.");

    public static Histogram<double> StepDuration { get; } = Meter.CreateHistogram<double>(
        "pharmarag.ingestion.step.duration", "s", "Time one ingestion step of one document took.");

    /// <summary>Jobs waiting to run, as last counted by a worker or an intake.</summary>
    public static ObservableGauge<int> QueueDepth { get; } = Meter.CreateObservableGauge(
        "pharmarag.queue.depth", () => Volatile.Read(ref s_queueDepth), "{job}", "Processing jobs queued and not yet running.");

    /// <summary>Records the number of queued jobs just counted.</summary>
    public static void SetQueueDepth(int jobs) => Volatile.Write(ref s_queueDepth, jobs);
}
