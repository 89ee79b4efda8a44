using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Models;

/// <summary>Registers the models that need no network: the tokenizer and offline defaults.</summary>
public static class ModelsServiceCollectionExtensions
{
    public static IServiceCollection AddOfflineModels(this IServiceCollection services)
    {
        services.AddSingleton<ITokenCounter, TiktokenTokenCounter>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, HashingEmbeddingGenerator>();
        return services;
    }
}
