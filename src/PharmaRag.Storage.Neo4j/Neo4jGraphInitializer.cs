using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Neo4j;

/// <summary>Creates the graph's constraints and indexes at start-up (each IF NOT EXISTS, so replicas may race).</summary>
public sealed class Neo4jGraphInitializer(Neo4jQueryClient client) : IStoreInitializer
{
    public string Description => "Neo4j graph (HTTP Query API)";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var statement in Neo4jStatements.Schema)
        {
            await client.RunAsync(statement, [], cancellationToken);
        }
    }
}
