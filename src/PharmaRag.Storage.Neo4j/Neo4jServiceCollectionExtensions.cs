using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Neo4j;

/// <summary>Puts the knowledge graph in Neo4j, replacing the storage provider's own graph.</summary>
public static class Neo4jServiceCollectionExtensions
{
    /// <summary>Uses the validated <see cref="GraphOptions"/> (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, database).</summary>
    public static IServiceCollection AddNeo4jGraph(this IServiceCollection services)
    {
        // Retries 429/5xx and network errors with backoff, within a bounded total time.
        services.AddHttpClient(nameof(Neo4jQueryClient)).AddStandardResilienceHandler();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(Neo4jQueryClient));
            http.Timeout = TimeSpan.FromSeconds(options.Neo4jTimeoutSeconds);
            var endpoint = Neo4jQueryClient.QueryUrl(Neo4jEndpoint.HttpBase(options.Neo4jUri!), options.Neo4jDatabase);
            return new Neo4jQueryClient(http, endpoint, NullIfEmpty(options.Neo4jUsername), NullIfEmpty(options.Neo4jPassword));
        });
        services.Replace(ServiceDescriptor.Singleton<IGraphStore, Neo4jGraphStore>());
        services.AddSingleton<IStoreInitializer, Neo4jGraphInitializer>();
        return services;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
