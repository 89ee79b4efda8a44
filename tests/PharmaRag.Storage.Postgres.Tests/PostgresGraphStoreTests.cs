using PharmaRag.Core.Graph;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The GraphStore conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresGraphStoreTests : GraphStoreConformance
{
    protected override Task<PortFixture<IGraphStore>> CreateAsync() =>
        PostgresBackend.CreateAsync<IGraphStore>(d => new PostgresGraphStore(d));
}
