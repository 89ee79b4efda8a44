using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Storage;

namespace PharmaRag.Storage.Lucene;

/// <summary>Serves keyword search from a Lucene.Net index in the data directory (folder keywords/).</summary>
public static class LuceneKeywordIndexServiceCollectionExtensions
{
    /// <summary>
    /// Registers the keyword index; call after the store is registered (without another keyword
    /// index), so the index is brought up to date with the store after the store's initializer ran.
    /// </summary>
    public static IServiceCollection AddLuceneKeywordIndex(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(_ => new LuceneKeywordIndex(Path.Combine(dataDirectory, LuceneKeywordIndex.FolderName)));
        services.AddSingleton<IKeywordIndex>(s => s.GetRequiredService<LuceneKeywordIndex>());
        services.AddSingleton<IStoreInitializer, LuceneKeywordIndexInitializer>();
        return services;
    }
}
