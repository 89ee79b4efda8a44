using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The DocumentStore conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresDocumentStoreTests : DocumentStoreConformance
{
    protected override Task<PortFixture<IRagStore>> CreateAsync(TimeProvider clock) =>
        PostgresBackend.CreateAsync<IRagStore>(d => new PostgresRagStore(d, clock));
}
