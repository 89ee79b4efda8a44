using PharmaRag.Core.Access;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The AuditLog conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresAuditLogTests : AuditLogConformance
{
    protected override Task<PortFixture<IAuditLog>> CreateAsync() =>
        PostgresBackend.CreateAsync<IAuditLog>(d => new PostgresAuditLog(d));
}
