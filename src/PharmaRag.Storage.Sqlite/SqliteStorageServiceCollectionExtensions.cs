using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Sqlite;

/// <summary>Registers the embedded SQLite store for documents, chunks, jobs and keyword search.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    public const string FileName = "pharmarag.db";

    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string dataDirectory)
    {
        var database = new SqliteDatabase(Path.Combine(dataDirectory, FileName));
        services.AddSingleton(database);
        services.AddSingleton<IRagStore, SqliteRagStore>();
        services.AddSingleton<IJobQueue, SqliteJobQueue>();
        services.AddSingleton<IKeywordIndex, SqliteKeywordIndex>();
        services.AddSingleton<IVectorIndex, SqliteVectorIndex>();
        services.AddSingleton<Core.Graph.IGraphStore, SqliteGraphStore>();
        services.AddSingleton<IStoreInitializer, SqliteStoreInitializer>();
        services.AddSingleton<IModelCallCache, SqliteModelCallCache>();
        services.AddSingleton<Core.Access.IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<Core.Access.IAuditLog, SqliteAuditLog>();
        return services;
    }
}
