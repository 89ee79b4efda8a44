using System.Text;
using Microsoft.Data.Sqlite;
using PharmaRag.Core.Access;

namespace PharmaRag.Storage.Sqlite;

/// <summary>The audit log in the audit_log table of the data directory's SQLite file.</summary>
public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
        events.Count == 0
            ? Task.CompletedTask
            : database.WriteAsync(async (c, t) =>
            {
                await using var insert = c.Command(
                    """
                    INSERT INTO audit_log (at, key_id, workspace, action, method, route, target, status)
                    VALUES ($at, $key, $ws, $action, $method, $route, $target, $status)
                    """, t,
                    ("$at", 0L), ("$key", null), ("$ws", ""), ("$action", ""), ("$method", ""), ("$route", ""), ("$target", null), ("$status", 0));
                foreach (var e in events)
                {
                    insert.Parameters["$at"].Value = e.At.ToUnixTimeMilliseconds();
                    insert.Parameters["$key"].Value = (object?)e.KeyId ?? DBNull.Value;
                    insert.Parameters["$ws"].Value = e.Workspace;
                    insert.Parameters["$action"].Value = e.Action;
                    insert.Parameters["$method"].Value = e.Method;
                    insert.Parameters["$route"].Value = e.Route;
                    insert.Parameters["$target"].Value = (object?)e.Target ?? DBNull.Value;
                    insert.Parameters["$status"].Value = e.Status;
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }, cancellationToken);

    public Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditEvent>>(async c =>
        {
            var sql = new StringBuilder("SELECT at, key_id, workspace, action, method, route, target, status FROM audit_log WHERE 1 = 1");
            await using var read = c.Command("");
            if (query.Since is { } since)
            {
                sql.Append(" AND at >= $since");
                read.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            }
            if (query.Until is { } until)
            {
                sql.Append(" AND at < $until");
                read.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
            }
            if (query.Workspace is { } workspace)
            {
                sql.Append(" AND workspace = $ws");
                read.Parameters.AddWithValue("$ws", workspace);
            }
            if (query.KeyId is { } keyId)
            {
                sql.Append(" AND key_id = $key");
                read.Parameters.AddWithValue("$key", keyId);
            }
            sql.Append(" ORDER BY at DESC, seq DESC LIMIT $limit");
            read.Parameters.AddWithValue("$limit", query.Limit);
            read.CommandText = sql.ToString();
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            var events = new List<AuditEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new AuditEvent(
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetNullableString(1), reader.GetString(2),
                    reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetNullableString(6), reader.GetInt32(7)));
            }
            events.Reverse();
            return events;
        }, cancellationToken);
}
