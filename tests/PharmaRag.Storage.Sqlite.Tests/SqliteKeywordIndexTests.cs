using PharmaRag.Core.Storage;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Sqlite.Tests;

/// <summary>The KeywordIndex conformance suite against a real SQLite file.</summary>
public sealed class SqliteKeywordIndexTests : KeywordIndexConformance
{
    protected override Task<PortFixture<IKeywordIndex>> CreateAsync() =>
        SqliteBackend.CreateAsync<IKeywordIndex>(d => new SqliteKeywordIndex(d));
}
