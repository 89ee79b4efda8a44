using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The ModelCallCache conformance suite against a real SQLite file.</summary>
public sealed class SqliteModelCallCacheTests : ModelCallCacheConformance
{
    protected override Task<PortFixture<IModelCallCache>> CreateAsync() =>
        SqliteBackend.CreateAsync<IModelCallCache>(d => new SqliteModelCallCache(d, TimeProvider.System));
}
