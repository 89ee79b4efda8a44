using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The DocumentStore conformance suite against a real SQLite file.</summary>
public sealed class SqliteDocumentStoreTests : DocumentStoreConformance
{
    protected override Task<PortFixture<IRagStore>> CreateAsync(TimeProvider clock) =>
        SqliteBackend.CreateAsync<IRagStore>(d => new SqliteRagStore(d, clock));
}
