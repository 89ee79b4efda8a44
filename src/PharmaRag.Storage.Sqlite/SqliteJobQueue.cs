using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Sqlite;

/// <summary>Durable jobs in the embedded database. Times are Unix milliseconds.</summary>
public sealed class SqliteJobQueue(SqliteDatabase database, TimeProvider clock) : IJobQueue
{
    public Task EnqueueAsync(string documentId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            // A queued job for the document starts over from the first step, like a new one.
            await using var command = c.Command(
                """
                UPDATE jobs SET last_step = NULL, deferred = 0 WHERE document_id = $d AND state = 'queued';
                INSERT INTO jobs (document_id, state, created_at)
                SELECT $d, 'queued', $now
                WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE document_id = $d AND state = 'queued')
                """,
                t, ("$d", documentId), ("$now", Now()));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<ProcessingJob?> TryClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        database.WriteAsync<ProcessingJob?>(async (c, t) =>
        {
            var now = Now();
            // A queued job is runnable once its retry time has come, unless another job for the
            // same document is running under a live lease; a running job whose lease ran out
            // belonged to a worker that died.
            await using var command = c.Command(
                """
                UPDATE jobs SET state = 'running', owner = $owner, lease_until = $lease, attempts = attempts + 1
                WHERE id = (
                    SELECT j.id FROM jobs j
                    WHERE (j.state = 'queued' AND j.run_after <= $now
                           AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.document_id = j.document_id
                                           AND r.state = 'running' AND r.lease_until > $now))
                       OR (j.state = 'running' AND j.lease_until <= $now)
                    ORDER BY j.deferred, j.run_after, j.id LIMIT 1)
                RETURNING id, document_id, attempts, last_error, last_step
                """,
                t, ("$owner", owner), ("$lease", now + (long)lease.TotalMilliseconds), ("$now", now));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new ProcessingJob(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetNullableString(3))
                {
                    LastStep = reader.GetNullableString(4),
                }
                : null;
        }, cancellationToken);

    public Task RenewLeaseAsync(long jobId, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE jobs SET lease_until = $lease WHERE id = $id AND owner = $owner AND state = 'running'",
            cancellationToken, ("$id", jobId), ("$owner", owner), ("$lease", Now() + (long)lease.TotalMilliseconds));

    public Task CompleteAsync(long jobId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM jobs WHERE id = $id", cancellationToken, ("$id", jobId));

    public Task FailAsync(long jobId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        retryAt is { } at
            ? ExecuteAsync(
                "UPDATE jobs SET state = 'queued', owner = NULL, lease_until = NULL, run_after = $at, last_error = $error WHERE id = $id",
                cancellationToken, ("$id", jobId), ("$at", at.ToUnixTimeMilliseconds()), ("$error", error))
            : ExecuteAsync(
                "UPDATE jobs SET state = 'failed', owner = NULL, lease_until = NULL, last_error = $error WHERE id = $id",
                cancellationToken, ("$id", jobId), ("$error", error));

    public Task<int> ReleaseAllLeasesAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                "UPDATE jobs SET state = 'queued', owner = NULL, lease_until = NULL WHERE state = 'running'", t);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<int> CountPendingAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')");
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }, cancellationToken);

    public Task<long> StartStepAsync(long jobId, string step, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                """
                INSERT INTO step_runs (document_id, step, started_at)
                SELECT document_id, $step, $now FROM jobs WHERE id = $job
                RETURNING id
                """,
                t, ("$job", jobId), ("$step", step), ("$now", Now()));
            return await command.ExecuteScalarAsync(cancellationToken) is long id
                ? id
                : throw new InvalidOperationException($"Job {jobId} does not exist.");
        }, cancellationToken);

    public Task FinishStepAsync(long runId, StepOutcome outcome, string? error, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(
                """
                UPDATE step_runs SET finished_at = $now, outcome = $outcome, error = $error WHERE id = $run;
                UPDATE jobs SET last_step = (SELECT step FROM step_runs WHERE id = $run)
                WHERE $outcome = 'success'
                  AND id IN (SELECT j.id FROM jobs j JOIN step_runs r ON r.document_id = j.document_id
                             WHERE r.id = $run AND j.state = 'running');
                """,
                t, ("$run", runId), ("$now", Now()), ("$outcome", outcome.ToString().ToLowerInvariant()), ("$error", error));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<StepRecord>> ListStepsAsync(string documentId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<StepRecord>>(async c =>
        {
            await using var command = c.Command(
                "SELECT id, document_id, step, started_at, finished_at, outcome, error FROM step_runs WHERE document_id = $d ORDER BY id",
                null, ("$d", documentId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var runs = new List<StepRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                runs.Add(new StepRecord
                {
                    Id = reader.GetInt64(0),
                    DocumentId = reader.GetString(1),
                    Step = reader.GetString(2),
                    StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    FinishedAt = reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    Outcome = reader.GetNullableString(5),
                    Error = reader.GetNullableString(6),
                });
            }
            return runs;
        }, cancellationToken);

    public Task DeferAsync(long jobId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            UPDATE jobs SET state = 'queued', owner = NULL, lease_until = NULL, deferred = 1, attempts = MAX(attempts - 1, 0)
            WHERE id = $id AND state = 'running'
            """,
            cancellationToken, ("$id", jobId));

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        database.WriteAsync(async (c, t) =>
        {
            await using var command = c.Command(sql, t, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
