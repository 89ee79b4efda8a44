namespace PharmaRag.Hosting.Inbox;

/// <summary>An object-created event waiting for the server to take the object in.</summary>
public sealed record QueuedEvent(string Key, DateTimeOffset AcceptedAt);
