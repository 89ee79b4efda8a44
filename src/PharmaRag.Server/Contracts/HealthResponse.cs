namespace PharmaRag.Server.Contracts;

/// <summary>The original's health shape, plus what each component is and whether it works.</summary>
public sealed record HealthResponse(
    string Status,
    string Service,
    string Version,
    IReadOnlyDictionary<string, ComponentHealth> Components,
    EcsTasks EcsTasks,
    JobsHealth? Jobs,
    ActivityHealth? Activity = null);

/// <summary>
/// Requests in flight (health checks aside) and when the last one ended: what a scheduled idle
/// check reads to scale compute to 0, so that no gateway process has to keep a timer.
/// </summary>
public sealed record ActivityHealth(int InFlight, DateTimeOffset LastRequestAt, double IdleSeconds);

/// <summary>
/// Processing jobs queued or running: compute with jobs in flight is not idle. <c>pending_steps</c>
/// names, per document id, the background steps still to run on documents already searchable.
/// </summary>
public sealed record JobsHealth(int Pending)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PendingSteps { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>While jobs are pending: how far the background embedding has come (null when nothing is pending).</summary>
    public VectorProgress? Vectors { get; init; }
}

/// <summary>
/// Vectors of searchable documents: <c>chunks</c> of the processed documents, <c>embedded</c> in
/// the vector index, and <c>documents_waiting</c> for their embedding step. Keyword search covers
/// every processed document meanwhile.
/// </summary>
public sealed record VectorProgress(int Chunks, int Embedded, int DocumentsWaiting, string Model);

/// <summary>One component: its state and a description of the implementation in use.</summary>
public sealed record ComponentHealth(string Status, string Detail);

/// <summary>Compute tasks, in the original's ECS terms; in one-process mode this process is the one task.</summary>
public sealed record EcsTasks(int Total, int Running, IReadOnlyList<string> TaskArns);
