using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core;
using PharmaRag.Core.Configuration;
using PharmaRag.Documents;
using PharmaRag.Hosting;
using PharmaRag.Models;
using PharmaRag.Storage.Lucene;
using PharmaRag.Storage.Neo4j;
using PharmaRag.Storage.Postgres;
using PharmaRag.Storage.Sqlite;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// The composition root shared by the server and the command line: one data directory, embedded
/// defaults, and the stores chosen by validated options (PharmaRag:Storage, PharmaRag:Graph).
/// </summary>
public static class PharmaRagServiceCollectionExtensions
{
    public static IServiceCollection AddPharmaRag(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new DataDirectoryInfo(dataDirectory));

        services.AddPharmaRagCore();
        services.AddDocumentParsers();
        services.AddModels(configuration);
        services.AddStorage(configuration, dataDirectory);
        services.AddConfiguredObjectStore(configuration, dataDirectory);
        services.AddSingleton<PharmaRagStartup>();
        return services;
    }

    /// <summary>
    /// Registers the store every port uses: the SQLite file of the data directory, or the
    /// PostgreSQL database all replicas share. Options are validated at start-up (and when the
    /// start-up routine runs), so a wrong provider or a missing connection string is an error
    /// that names the setting.
    /// </summary>
    private static void AddStorage(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section)
            .PostConfigure(o =>
            {
                o.Neo4jUri ??= configuration["NEO4J_URI"];
                o.Neo4jUsername ??= configuration["NEO4J_USERNAME"];
                o.Neo4jPassword ??= configuration["NEO4J_PASSWORD"];
            })
            .ValidateDataAnnotations().ValidateOnStart();

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.IsPostgres)
        {
            services.AddPostgresStorage();
        }
        else
        {
            services.AddSqliteStorage(dataDirectory, ftsKeywordIndex: !storage.UsesLuceneKeywordIndex);
            if (storage.UsesLuceneKeywordIndex)
            {
                services.AddLuceneKeywordIndex(dataDirectory);
            }
        }
        var graph = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        if (graph.IsNeo4j)
        {
            services.AddNeo4jGraph();
        }
    }
}
