namespace PharmaRag.Hosting.Inbox;

/// <summary>
/// The server's response to a queued query, kept for any gateway instance to return to the caller
/// who asked it (<see cref="QueuedQuery.Caller"/>: only a request with the same Authorization header).
/// </summary>
public sealed record QueuedAnswer(int StatusCode, string? ContentType, string Body, DateTimeOffset AnsweredAt, string? Caller = null);
