namespace PharmaRag.Storage.Neo4j;

/// <summary>An error the Neo4j Query API reported, with its status code (such as Neo.ClientError.Security.Unauthorized).</summary>
public sealed class Neo4jException(string code, string message) : Exception($"Neo4j: {code}: {message}")
{
    public string Code { get; } = code;
}
