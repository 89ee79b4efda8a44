using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Postgres.Tests;

/// <summary>The KeywordIndex conformance suite against the test run's PostgreSQL.</summary>
public sealed class PostgresKeywordIndexTests : KeywordIndexConformance
{
    protected override Task<PortFixture<IKeywordIndex>> CreateAsync() =>
        PostgresBackend.CreateAsync<IKeywordIndex>(d => new PostgresKeywordIndex(d));
}
