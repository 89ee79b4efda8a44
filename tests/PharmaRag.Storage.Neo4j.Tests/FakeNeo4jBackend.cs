using PharmaRag.Testing.Conformance;

namespace PharmaRag.Storage.Neo4j.Tests;

/// <summary>A graph store talking to a fresh fake Neo4j over real HTTP, with its schema created.</summary>
internal static class FakeNeo4jBackend
{
    public static async Task<(Neo4jQueryClient Client, FakeNeo4jServer Server, HttpClient Http)> StartAsync(
        string username = FakeNeo4jServer.Username, string password = FakeNeo4jServer.Password, string database = FakeNeo4jServer.Database)
    {
        var server = await FakeNeo4jServer.StartAsync();
        var http = new HttpClient();
        var client = new Neo4jQueryClient(http, Neo4jQueryClient.QueryUrl(server.BaseAddress, database), username, password);
        return (client, server, http);
    }

    public static async Task<PortFixture<Core.Graph.IGraphStore>> CreateAsync()
    {
        var (client, server, http) = await StartAsync();
        await new Neo4jGraphInitializer(client).InitializeAsync(CancellationToken.None);
        return new PortFixture<Core.Graph.IGraphStore>(new Neo4jGraphStore(client), new Cleanup(server, http));
    }

    private sealed class Cleanup(FakeNeo4jServer server, HttpClient http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await server.DisposeAsync();
        }
    }
}
