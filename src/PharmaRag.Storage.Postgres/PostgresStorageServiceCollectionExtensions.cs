using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Postgres;

/// <summary>Registers the PostgreSQL store for every store port, shared by all replicas.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString, string? schema)
    {
        services.AddSingleton(_ => new PostgresDatabase(connectionString, schema));
        services.AddSingleton<IRagStore, PostgresRagStore>();
        services.AddSingleton<IJobQueue, PostgresJobQueue>();
        services.AddSingleton<IKeywordIndex, PostgresKeywordIndex>();
        services.AddSingleton<IVectorIndex, PostgresVectorIndex>();
        services.AddSingleton<IGraphStore, PostgresGraphStore>();
        services.AddSingleton<IStoreInitializer, PostgresStoreInitializer>();
        services.AddSingleton<IModelCallCache, PostgresModelCallCache>();
        return services;
    }
}
