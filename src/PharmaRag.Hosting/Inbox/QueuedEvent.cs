namespace PharmaRag.Hosting.Inbox;

/// <summary>
/// An object-created event waiting for the server to take the object in: the key in its
/// workspace's object store, and the workspace (null: the default one).
/// </summary>
public sealed record QueuedEvent(string Key, DateTimeOffset AcceptedAt, string? Workspace = null);
