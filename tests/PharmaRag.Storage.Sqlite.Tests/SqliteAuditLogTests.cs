using PharmaRag.Core.Access;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The AuditLog conformance suite against a real SQLite file.</summary>
public sealed class SqliteAuditLogTests : AuditLogConformance
{
    protected override Task<PortFixture<IAuditLog>> CreateAsync() =>
        SqliteBackend.CreateAsync<IAuditLog>(d => new SqliteAuditLog(d));
}
