using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Sqlite;

/// <summary>
/// Registers the embedded SQLite store for documents, chunks, jobs and vectors, and its FTS5
/// keyword index unless <c>ftsKeywordIndex</c> is false (the caller then registers another).
/// </summary>
public static class SqliteStorageServiceCollectionExtensions
{
    public const string FileName = "pharmarag.db";

    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string dataDirectory, bool ftsKeywordIndex = true)
    {
        var database = new SqliteDatabase(Path.Combine(dataDirectory, FileName));
        services.AddSingleton(database);
        services.AddSingleton<IRagStore, SqliteRagStore>();
        services.AddSingleton<IJobQueue, SqliteJobQueue>();
        services.AddSingleton<IVectorIndex, SqliteVectorIndex>();
        services.AddSingleton<Core.Graph.IGraphStore, SqliteGraphStore>();
        services.AddSingleton<IStoreInitializer, SqliteStoreInitializer>();
        if (ftsKeywordIndex)
        {
            services.AddSingleton<SqliteKeywordIndex>();
            services.AddSingleton<IKeywordIndex>(s => s.GetRequiredService<SqliteKeywordIndex>());
            services.AddSingleton<IStoreInitializer, SqliteKeywordIndexInitializer>();
        }
        services.AddSingleton<IModelCallCache, SqliteModelCallCache>();
        services.AddSingleton<Core.Access.IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<Core.Access.IAuditLog, SqliteAuditLog>();
        return services;
    }
}
