using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The ModelCallCache conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresModelCallCacheTests : ModelCallCacheConformance
{
    protected override Task<PortFixture<IModelCallCache>> CreateAsync() =>
        PostgresBackend.CreateAsync<IModelCallCache>(d => new PostgresModelCallCache(d, TimeProvider.System));
}
