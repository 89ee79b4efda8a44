using System.Text;
using PharmaRag.Core.Access;

namespace PharmaRag.Storage.Postgres;

/// <summary>The audit log in the audit_log table, shared by every replica.</summary>
public sealed class PostgresAuditLog(PostgresDatabase database) : IAuditLog
{
    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
        events.Count == 0
            ? Task.CompletedTask
            : database.WriteAsync(async (c, t) =>
            {
                foreach (var e in events)
                {
                    await c.ExecuteAsync(t,
                        """
                        INSERT INTO audit_log (at, key_id, workspace, action, method, route, target, status)
                        VALUES (@at, @key, @ws, @action, @method, @route, @target, @status)
                        """, cancellationToken,
                        ("at", e.At.ToUniversalTime()), ("key", e.KeyId), ("ws", e.Workspace), ("action", e.Action),
                        ("method", e.Method), ("route", e.Route), ("target", e.Target), ("status", e.Status));
                }
            }, cancellationToken);

    public Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditEvent>>(async c =>
        {
            var sql = new StringBuilder("SELECT at, key_id, workspace, action, method, route, target, status FROM audit_log WHERE true");
            var parameters = new List<(string, object?)>();
            if (query.Since is { } since)
            {
                sql.Append(" AND at >= @since");
                parameters.Add(("since", since.ToUniversalTime()));
            }
            if (query.Until is { } until)
            {
                sql.Append(" AND at < @until");
                parameters.Add(("until", until.ToUniversalTime()));
            }
            if (query.Workspace is { } workspace)
            {
                sql.Append(" AND workspace = @ws");
                parameters.Add(("ws", workspace));
            }
            if (query.KeyId is { } keyId)
            {
                sql.Append(" AND key_id = @key");
                parameters.Add(("key", keyId));
            }
            sql.Append(" ORDER BY at DESC, seq DESC LIMIT @limit");
            parameters.Add(("limit", query.Limit));
            await using var read = c.Command(sql.ToString(), null, [.. parameters]);
            var events = await read.ReadListAsync(r => new AuditEvent(
                r.GetFieldValue<DateTimeOffset>(0), r.GetNullableString(1), r.GetString(2), r.GetString(3),
                r.GetString(4), r.GetString(5), r.GetNullableString(6), r.GetInt32(7)), cancellationToken);
            events.Reverse();
            return events;
        }, cancellationToken);
}
