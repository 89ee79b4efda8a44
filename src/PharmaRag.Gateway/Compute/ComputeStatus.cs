namespace PharmaRag.Gateway.Compute;

/// <summary>Compute tasks in the original's ECS terms.</summary>
public sealed record ComputeStatus(int Total, int Running, IReadOnlyList<string> TaskArns);
