namespace PharmaRag.Storage.Neo4j;

/// <summary>
/// Where the Query API of a Neo4j server is. The original configured NEO4J_URI as a Bolt URI;
/// the Query API is served over HTTP, so bolt:// and neo4j:// become http:// on Neo4j's HTTP
/// port 7474, and their +s (TLS) forms become https:// on the default HTTPS port (as AuraDB
/// serves it). A Bolt port given in the URI is not the HTTP port and is not used.
/// </summary>
public static class Neo4jEndpoint
{
    public const int HttpPort = 7474;

    /// <summary>The base URL of the server's HTTP API, or an exception naming NEO4J_URI.</summary>
    public static Uri HttpBase(string neo4jUri)
    {
        if (!Uri.TryCreate(neo4jUri, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"NEO4J_URI is not an absolute URI: '{neo4jUri}'.");
        }
        return uri.Scheme switch
        {
            "http" or "https" => new UriBuilder(uri.Scheme, uri.Host, uri.Port, uri.AbsolutePath.TrimEnd('/')).Uri,
            "bolt" or "neo4j" => new UriBuilder("http", uri.Host, HttpPort).Uri,
            "bolt+s" or "neo4j+s" => new UriBuilder("https", uri.Host).Uri,
            _ => throw new ArgumentException(
                $"NEO4J_URI has the scheme '{uri.Scheme}'; use http(s)://host:7474 (the Query API), or bolt:// / neo4j:// which map to it."),
        };
    }
}
