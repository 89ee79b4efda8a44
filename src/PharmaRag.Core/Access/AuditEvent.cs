namespace PharmaRag.Core.Access;

/// <summary>
/// One audited request: when, who (key id, or the token's subject; null without authentication),
/// in which workspace, what (an action such as upload, process, delete, query), the method and
/// route, the document or object key it concerned, and the HTTP status it got. Never any text of
/// a document or a question.
/// </summary>
public sealed record AuditEvent(
    DateTimeOffset At,
    string? KeyId,
    string Workspace,
    string Action,
    string Method,
    string Route,
    string? Target,
    int Status);
