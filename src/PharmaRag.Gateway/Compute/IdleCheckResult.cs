namespace PharmaRag.Gateway.Compute;

/// <summary>What an idle check did (none, kept, started or stopped) and why.</summary>
public sealed record IdleCheckResult(string Action, string Reason);
