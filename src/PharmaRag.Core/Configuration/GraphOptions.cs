using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Core.Configuration;

/// <summary>
/// Which store holds the knowledge graph (section PharmaRag:Graph): the storage provider's own
/// tables (default), or a Neo4j 5 server through its HTTP Query API. The Neo4j settings keep the
/// original's environment variables NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD.
/// </summary>
public sealed class GraphOptions : IValidatableObject
{
    public const string Section = "PharmaRag:Graph";
    public const string Store = "store";
    public const string Neo4j = "neo4j";

    /// <summary>store (the storage provider's own graph, default) or neo4j.</summary>
    public string Provider { get; set; } = Store;

    /// <summary>The Neo4j server: http(s)://host:7474, or bolt:// / neo4j:// (mapped to HTTP port 7474). NEO4J_URI when unset.</summary>
    public string? Neo4jUri { get; set; }

    /// <summary>NEO4J_USERNAME when unset.</summary>
    public string? Neo4jUsername { get; set; }

    /// <summary>NEO4J_PASSWORD when unset.</summary>
    public string? Neo4jPassword { get; set; }

    /// <summary>The Neo4j database that holds the graph.</summary>
    public string Neo4jDatabase { get; set; } = "neo4j";

    /// <summary>Time allowed for one Query API call.</summary>
    [Range(1, 600)]
    public int Neo4jTimeoutSeconds { get; set; } = 30;

    public bool IsNeo4j => string.Equals(Provider, Neo4j, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Provider, Store, StringComparison.OrdinalIgnoreCase) && !IsNeo4j)
        {
            yield return new ValidationResult($"{Section}:Provider must be '{Store}' or '{Neo4j}', not '{Provider}'.", [nameof(Provider)]);
        }
        if (!IsNeo4j)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Neo4jUri))
        {
            yield return new ValidationResult(
                $"NEO4J_URI (or {Section}:Neo4jUri) is required when {Section}:Provider is '{Neo4j}'.", [nameof(Neo4jUri)]);
        }
        else if (!Uri.TryCreate(Neo4jUri, UriKind.Absolute, out var uri)
                 || uri.Scheme is not ("http" or "https" or "bolt" or "neo4j" or "bolt+s" or "neo4j+s"))
        {
            yield return new ValidationResult(
                $"NEO4J_URI must be an http://, https://, bolt:// or neo4j:// URI, not '{Neo4jUri}'.", [nameof(Neo4jUri)]);
        }
        if (string.IsNullOrEmpty(Neo4jUsername) != string.IsNullOrEmpty(Neo4jPassword))
        {
            yield return new ValidationResult("NEO4J_USERNAME and NEO4J_PASSWORD must be set together.", [nameof(Neo4jUsername)]);
        }
        if (!StorageOptions.IsIdentifier(Neo4jDatabase.Replace('-', '_').Replace('.', '_')))
        {
            yield return new ValidationResult($"{Section}:Neo4jDatabase is not a database name: '{Neo4jDatabase}'.", [nameof(Neo4jDatabase)]);
        }
    }
}
