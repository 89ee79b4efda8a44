namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>How a step ended.</summary>
public enum StepOutcome
{
    /// <summary>Done; the pipeline goes on with the next step.</summary>
    Success,

    /// <summary>Failed for a reason that may pass (a busy store, a model timeout): the job is retried from this step.</summary>
    Transient,

    /// <summary>Failed for good (a damaged file, a bug): retrying would fail the same way.</summary>
    Fatal,

    /// <summary>The document was deleted while the step ran; nothing more to do.</summary>
    Gone,
}
