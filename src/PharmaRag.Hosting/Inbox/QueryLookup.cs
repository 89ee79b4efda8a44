namespace PharmaRag.Hosting.Inbox;

/// <summary>Where a queued query stands: unknown, still waiting, or answered.</summary>
public sealed record QueryLookup(bool Known, QueuedAnswer? Answer)
{
    public static readonly QueryLookup Unknown = new(false, null);
    public static readonly QueryLookup Pending = new(true, null);
}
