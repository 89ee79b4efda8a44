namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>How one run of a job's steps ended.</summary>
/// <param name="Result">The result of the last step that ran (success when every step ran).</param>
/// <param name="Step">The step that ended the run, or null when all steps are done.</param>
/// <param name="Background">True when <paramref name="Step"/> ran after the document was already processed.</param>
/// <param name="Deferred">True when the document became searchable and the job should go back to the queue for its background steps.</param>
public sealed record PipelineRun(StepResult Result, string? Step, bool Background, bool Deferred);
