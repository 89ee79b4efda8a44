namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>The explicit result of one step: its outcome and, for failures, the reason shown to the user.</summary>
public sealed record StepResult(StepOutcome Outcome, string? Reason = null)
{
    public static StepResult Success { get; } = new(StepOutcome.Success);

    public static StepResult Gone { get; } = new(StepOutcome.Gone);

    public static StepResult Transient(string reason) => new(StepOutcome.Transient, reason);

    public static StepResult Fatal(string reason) => new(StepOutcome.Fatal, reason);
}
