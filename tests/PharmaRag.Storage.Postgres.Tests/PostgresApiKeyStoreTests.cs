using PharmaRag.Core.Access;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The ApiKeyStore conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresApiKeyStoreTests : ApiKeyStoreConformance
{
    protected override Task<PortFixture<IApiKeyStore>> CreateAsync() =>
        PostgresBackend.CreateAsync<IApiKeyStore>(d => new PostgresApiKeyStore(d));
}
