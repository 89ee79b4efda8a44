using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Postgres;

/// <summary>
/// Durable jobs shared by every replica. A claim takes the oldest runnable row with
/// FOR UPDATE SKIP LOCKED, so replicas claiming at the same moment take different jobs without
/// waiting on each other; the lease is a time, so a job whose replica died (no renewal) becomes
/// claimable by another once it passes.
/// </summary>
public sealed class PostgresJobQueue(PostgresDatabase database, TimeProvider clock) : IJobQueue
{
    public Task EnqueueAsync(string documentId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            // Replicas may enqueue the same document at the same moment: a per-document lock
            // makes the check and the insert one step.
            await c.ExecuteAsync(t, "SELECT pg_advisory_xact_lock(hashtext('pharmarag.job.' || @d))", cancellationToken, ("d", documentId));
            // A queued job for the document starts over from the first step, like a new one.
            await c.ExecuteAsync(t, "UPDATE jobs SET last_step = NULL, deferred = false WHERE document_id = @d AND state = 'queued'",
                cancellationToken, ("d", documentId));
            await c.ExecuteAsync(t,
                """
                INSERT INTO jobs (document_id, state, created_at)
                SELECT @d, 'queued', @now
                WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE document_id = @d AND state = 'queued')
                """, cancellationToken, ("d", documentId), ("now", Now()));
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
                UPDATE jobs SET state = 'running', owner = @owner, lease_until = @lease, attempts = attempts + 1
                WHERE id = (
                    SELECT j.id FROM jobs j
                    WHERE (j.state = 'queued' AND j.run_after <= @now
                           AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.document_id = j.document_id
                                           AND r.state = 'running' AND r.lease_until > @now))
                       OR (j.state = 'running' AND j.lease_until <= @now)
                    ORDER BY j.deferred, j.run_after, j.id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, document_id, attempts, last_error, last_step
                """, t, ("owner", owner), ("lease", now + lease), ("now", now));
            var claimed = await command.ReadListAsync(
                r => new ProcessingJob(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetNullableString(3)) { LastStep = r.GetNullableString(4) },
                cancellationToken);
            return claimed.SingleOrDefault();
        }, cancellationToken);

    public Task RenewLeaseAsync(long jobId, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t,
            "UPDATE jobs SET lease_until = @lease WHERE id = @id AND owner = @owner AND state = 'running'",
            cancellationToken, ("id", jobId), ("owner", owner), ("lease", Now() + lease)), cancellationToken);

    public Task CompleteAsync(long jobId, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t, "DELETE FROM jobs WHERE id = @id", cancellationToken, ("id", jobId)), cancellationToken);

    public Task FailAsync(long jobId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => retryAt is { } at
            ? c.ExecuteAsync(t,
                "UPDATE jobs SET state = 'queued', owner = NULL, lease_until = NULL, run_after = @at, last_error = @error WHERE id = @id",
                cancellationToken, ("id", jobId), ("at", at.ToUniversalTime()), ("error", error))
            : c.ExecuteAsync(t,
                "UPDATE jobs SET state = 'failed', owner = NULL, lease_until = NULL, last_error = @error WHERE id = @id",
                cancellationToken, ("id", jobId), ("error", error)), cancellationToken);

    /// <summary>
    /// Other replicas hold live leases on this shared queue, so only expired leases are released
    /// here; a job of a replica that died is taken over once its lease passes.
    /// </summary>
    public Task<int> ReleaseAllLeasesAsync(CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t,
            "UPDATE jobs SET state = 'queued', owner = NULL, lease_until = NULL WHERE state = 'running' AND lease_until <= @now",
            cancellationToken, ("now", Now())), cancellationToken);

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
                "INSERT INTO step_runs (document_id, step, started_at) SELECT document_id, @step, @now FROM jobs WHERE id = @job RETURNING id",
                t, ("job", jobId), ("step", step), ("now", Now()));
            return await command.ExecuteScalarAsync(cancellationToken) is long id
                ? id
                : throw new InvalidOperationException($"Job {jobId} does not exist.");
        }, cancellationToken);

    public Task FinishStepAsync(long runId, StepOutcome outcome, string? error, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            var name = outcome.ToString().ToLowerInvariant();
            await c.ExecuteAsync(t, "UPDATE step_runs SET finished_at = @now, outcome = @outcome, error = @error WHERE id = @run",
                cancellationToken, ("run", runId), ("now", Now()), ("outcome", name), ("error", error));
            if (outcome == StepOutcome.Success)
            {
                await c.ExecuteAsync(t,
                    """
                    UPDATE jobs j SET last_step = r.step FROM step_runs r
                    WHERE r.id = @run AND j.document_id = r.document_id AND j.state = 'running'
                    """, cancellationToken, ("run", runId));
            }
        }, cancellationToken);

    public Task<IReadOnlyList<StepRecord>> ListStepsAsync(string documentId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<StepRecord>>(async c =>
        {
            await using var command = c.Command(
                "SELECT id, document_id, step, started_at, finished_at, outcome, error FROM step_runs WHERE document_id = @d ORDER BY id",
                null, ("d", documentId));
            return await command.ReadListAsync(r => new StepRecord
            {
                Id = r.GetInt64(0),
                DocumentId = r.GetString(1),
                Step = r.GetString(2),
                StartedAt = r.GetFieldValue<DateTimeOffset>(3),
                FinishedAt = r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
                Outcome = r.GetNullableString(5),
                Error = r.GetNullableString(6),
            }, cancellationToken);
        }, cancellationToken);

    public Task DeferAsync(long jobId, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(t,
            """
            UPDATE jobs SET state = 'queued', owner = NULL, lease_until = NULL, deferred = true, attempts = GREATEST(attempts - 1, 0)
            WHERE id = @id AND state = 'running'
            """, cancellationToken, ("id", jobId)), cancellationToken);

    private DateTimeOffset Now() => clock.GetUtcNow().ToUniversalTime();
}
