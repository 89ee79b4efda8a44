namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>
/// One named step of ingestion. A step is idempotent (running it again converges on the same
/// state), saves what later steps need before it returns, and says explicitly how it ended.
/// </summary>
public interface IIngestionStep
{
    /// <summary>One of <see cref="IngestionSteps"/>.</summary>
    string Name { get; }

    Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken);
}
