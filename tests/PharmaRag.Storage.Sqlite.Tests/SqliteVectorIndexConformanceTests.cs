using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The VectorIndex conformance suite against a real SQLite file.</summary>
public sealed class SqliteVectorIndexConformanceTests : VectorIndexConformance
{
    protected override Task<PortFixture<IVectorIndex>> CreateAsync() =>
        SqliteBackend.CreateAsync<IVectorIndex>(d => new SqliteVectorIndex(d));
}
