namespace PharmaRag.Hosting.Inbox;

/// <summary>The server's response to a queued query, kept for any gateway instance to return.</summary>
public sealed record QueuedAnswer(int StatusCode, string? ContentType, string Body, DateTimeOffset AnsweredAt);
