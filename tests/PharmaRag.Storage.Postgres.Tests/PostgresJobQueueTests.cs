using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The JobQueue conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresJobQueueTests : JobQueueConformance
{
    protected override Task<PortFixture<IJobQueue>> CreateAsync(TimeProvider clock) =>
        PostgresBackend.CreateAsync<IJobQueue>(d => new PostgresJobQueue(d, clock));
}
