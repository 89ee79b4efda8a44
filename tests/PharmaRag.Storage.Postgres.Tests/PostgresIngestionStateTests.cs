using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The ingestion state conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresIngestionStateTests : IngestionStateConformance
{
    protected override Task<PortFixture<IngestionStatePorts>> CreateAsync(TimeProvider clock) =>
        PostgresBackend.CreateAsync(d => new IngestionStatePorts(new PostgresRagStore(d, clock), new PostgresJobQueue(d, clock)));
}
