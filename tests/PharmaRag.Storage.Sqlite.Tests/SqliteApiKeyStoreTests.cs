using PharmaRag.Core.Access;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The ApiKeyStore conformance suite against a real SQLite file.</summary>
public sealed class SqliteApiKeyStoreTests : ApiKeyStoreConformance
{
    protected override Task<PortFixture<IApiKeyStore>> CreateAsync() =>
        SqliteBackend.CreateAsync<IApiKeyStore>(d => new SqliteApiKeyStore(d));
}
