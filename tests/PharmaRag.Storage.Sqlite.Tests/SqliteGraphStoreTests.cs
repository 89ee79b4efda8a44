using PharmaRag.Core.Graph;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The GraphStore conformance suite against a real SQLite file.</summary>
public sealed class SqliteGraphStoreTests : GraphStoreConformance
{
    protected override Task<PortFixture<IGraphStore>> CreateAsync() =>
        SqliteBackend.CreateAsync<IGraphStore>(d => new SqliteGraphStore(d));
}
