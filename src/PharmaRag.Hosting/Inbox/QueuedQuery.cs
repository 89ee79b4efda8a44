namespace PharmaRag.Hosting.Inbox;

/// <summary>A query accepted with 202 while compute was cold: what to send to the server once it runs.</summary>
public sealed record QueuedQuery(string Id, string Path, string? ContentType, string Body, DateTimeOffset AcceptedAt);
