using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The ingestion state conformance suite against a real SQLite file.</summary>
public sealed class SqliteIngestionStateConformanceTests : IngestionStateConformance
{
    protected override Task<PortFixture<IngestionStatePorts>> CreateAsync(TimeProvider clock) =>
        SqliteBackend.CreateAsync(d => new IngestionStatePorts(new SqliteRagStore(d, clock), new SqliteJobQueue(d, clock)));
}
