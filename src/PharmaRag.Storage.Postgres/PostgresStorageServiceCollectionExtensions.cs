using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Postgres;

/// <summary>Registers the PostgreSQL store for every store port, shared by all replicas.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>Uses the validated <see cref="StorageOptions"/> (connection string and schema).</summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, PostgresConnectionStringValidator>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new PostgresDatabase(options.ConnectionString!, options.Schema);
        });
        services.AddSingleton<IRagStore, PostgresRagStore>();
        services.AddSingleton<IJobQueue, PostgresJobQueue>();
        services.AddSingleton<IKeywordIndex, PostgresKeywordIndex>();
        services.AddSingleton<IVectorIndex, PostgresVectorIndex>();
        services.AddSingleton<IGraphStore, PostgresGraphStore>();
        services.AddSingleton<IStoreInitializer, PostgresStoreInitializer>();
        services.AddSingleton<IModelCallCache, PostgresModelCallCache>();
        services.AddSingleton<Core.Access.IApiKeyStore, PostgresApiKeyStore>();
        services.AddSingleton<Core.Access.IAuditLog, PostgresAuditLog>();
        return services;
    }
}
