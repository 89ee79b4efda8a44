using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The VectorIndex conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresVectorIndexTests : VectorIndexConformance
{
    protected override Task<PortFixture<IVectorIndex>> CreateAsync() =>
        PostgresBackend.CreateAsync<IVectorIndex>(d => new PostgresVectorIndex(d));
}
