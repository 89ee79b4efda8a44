using System.Text.Json.Nodes;
using PharmaRag.Core.Graph;

namespace PharmaRag.Storage.Neo4j.Tests;

/// <summary>What the Neo4j store does on the wire: endpoints, auth, errors, schema, parameters only.</summary>
public sealed class Neo4jWireTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("bolt://graph.internal:7687", "http://graph.internal:7474/")]
    [InlineData("neo4j://graph.internal", "http://graph.internal:7474/")]
    [InlineData("neo4j+s://abcd1234.databases.neo4j.io", "https://abcd1234.databases.neo4j.io/")]
    [InlineData("http://127.0.0.1:7474", "http://127.0.0.1:7474/")]
    [InlineData("https://graph.example.org:7473/", "https://graph.example.org:7473/")]
    public void Bolt_and_neo4j_uris_map_to_the_http_query_api(string neo4jUri, string expected)
    {
        Assert.Equal(expected, Neo4jEndpoint.HttpBase(neo4jUri).ToString());
        Assert.Equal(expected + "db/neo4j/query/v2", Neo4jQueryClient.QueryUrl(Neo4jEndpoint.HttpBase(neo4jUri), "neo4j").ToString());
    }

    [Theory]
    [InlineData("ftp://graph.internal")]
    [InlineData("graph.internal:7687")]
    public void Other_uris_are_refused_naming_the_setting(string neo4jUri)
    {
        var error = Assert.Throws<ArgumentException>(() => Neo4jEndpoint.HttpBase(neo4jUri));
        Assert.Contains("NEO4J_URI", error.Message);
    }

    [Fact]
    public async Task Start_up_creates_constraints_and_indexes()
    {
        var (client, server, http) = await FakeNeo4jBackend.StartAsync();
        await using var _ = server;
        using var __ = http;

        await new Neo4jGraphInitializer(client).InitializeAsync(None);
        await new Neo4jGraphInitializer(client).InitializeAsync(None);

        Assert.Equal(Neo4jStatements.Schema.Order(), server.SchemaStatements.Order());
        Assert.Contains(server.SchemaStatements, s => s.Contains("REQUIRE e.id IS UNIQUE"));
    }

    [Fact]
    public async Task Wrong_credentials_fail_with_the_servers_code_and_the_settings_to_check()
    {
        var (client, server, http) = await FakeNeo4jBackend.StartAsync(password: "wrong");
        await using var _ = server;
        using var __ = http;

        var error = await Assert.ThrowsAsync<Neo4jException>(() => new Neo4jGraphStore(client).CountAsync(None));

        Assert.Equal("Neo.ClientError.Security.Unauthorized", error.Code);
        Assert.Contains("NEO4J_PASSWORD", error.Message);
        Assert.Empty(server.Statements);
    }

    [Fact]
    public async Task Server_errors_surface_with_their_code()
    {
        var (client, server, http) = await FakeNeo4jBackend.StartAsync(database: "missing");
        await using var _ = server;
        using var __ = http;

        var missingDatabase = await Assert.ThrowsAsync<Neo4jException>(() => new Neo4jGraphStore(client).CountAsync(None));
        Assert.Equal("Neo.ClientError.Database.DatabaseNotFound", missingDatabase.Code);

        var (good, goodServer, goodHttp) = await FakeNeo4jBackend.StartAsync();
        await using var ___ = goodServer;
        using var ____ = goodHttp;
        var syntax = await Assert.ThrowsAsync<Neo4jException>(() => good.RunAsync("RETURN nonsense(", [], None));
        Assert.Equal("Neo.ClientError.Statement.SyntaxError", syntax.Code);
        var parameter = await Assert.ThrowsAsync<Neo4jException>(() => good.RunAsync(Neo4jStatements.Entities, [], None));
        Assert.Equal("Neo.ClientError.Statement.ParameterMissing", parameter.Code);
    }

    [Fact]
    public async Task Document_text_travels_only_as_parameters_and_writes_pass_their_bookmarks_on()
    {
        var (client, server, http) = await FakeNeo4jBackend.StartAsync();
        await using var _ = server;
        using var __ = http;
        var store = new Neo4jGraphStore(client);
        const string hostile = "x'}) DETACH DELETE n WITH 1 AS x MATCH (m) RETURN m //";

        await store.ReplaceDocumentAsync("doc", [new ChunkGraph("doc-0", "doc",
            [new EntityMention(hostile, EntityType.Drug, hostile, [hostile + " brand"])],
            [new RelationMention(hostile, "warfarin", hostile, hostile, 1)])], None);
        await store.SearchEntitiesAsync(hostile, 5, None);

        var known = Neo4jStatements.Schema.Concat(typeof(Neo4jStatements).GetFields()
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)).ToHashSet();
        Assert.All(server.Statements, s => Assert.Contains(s, known));
        Assert.DoesNotContain(server.Statements, s => s.Contains("DETACH DELETE n"));
        Assert.NotEmpty(server.ReceivedBookmarks);
        Assert.Equal(hostile, Assert.Single(await store.GetEntitiesAsync([EntityKey.Of(hostile)], None)).Name);
    }
}
