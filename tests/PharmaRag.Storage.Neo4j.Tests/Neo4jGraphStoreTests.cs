using PharmaRag.Core.Graph;
using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Neo4j.Tests;

/// <summary>The graph store conformance suite against the Neo4j Query API wire fake.</summary>
public sealed class Neo4jGraphStoreTests : GraphStoreConformance
{
    protected override Task<PortFixture<IGraphStore>> CreateAsync() => FakeNeo4jBackend.CreateAsync();
}
