using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The JobQueue conformance suite against a real SQLite file.</summary>
public sealed class SqliteJobQueueTests : JobQueueConformance
{
    protected override Task<PortFixture<IJobQueue>> CreateAsync(TimeProvider clock) =>
        SqliteBackend.CreateAsync<IJobQueue>(d => new SqliteJobQueue(d, clock));
}
