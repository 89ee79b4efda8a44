namespace PharmaRag.Core.Access;

/// <summary>The durable record of who did what, beside the API keys.</summary>
public interface IAuditLog
{
    /// <summary>Appends events in one transaction.</summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>Matching events in time order (oldest first), the newest <see cref="AuditQuery.Limit"/> of them.</summary>
    Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
