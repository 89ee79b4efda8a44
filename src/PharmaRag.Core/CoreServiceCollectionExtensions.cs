using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PharmaRag.Core.Content;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Core;

/// <summary>Registers the pipeline and retrieval services; adapters register the ports.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddPharmaRagCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DocumentParserRegistry>();
        services.TryAddSingleton<IBlockDescriber, OfflineBlockDescriber>();
        services.AddSingleton<TextChunker>();
        services.AddSingleton<ChunkEmbedder>();
        services.AddSingleton<EmbeddingModelGuard>();
        services.AddSingleton<DocumentRemover>();
        services.AddSingleton<ReadStep>();
        services.AddSingleton<ChunkStep>();
        services.AddSingleton<IIngestionStep>(sp => sp.GetRequiredService<ReadStep>());
        services.AddSingleton<IIngestionStep, ParseStep>();
        services.AddSingleton<IIngestionStep>(sp => sp.GetRequiredService<ChunkStep>());
        services.AddSingleton<IIngestionStep, IndexStep>();
        services.AddSingleton<IIngestionStep, RetireStep>();
        services.AddSingleton<IIngestionStep, DescribeStep>();
        services.AddSingleton<IIngestionStep, EmbedStep>();
        services.AddSingleton<IIngestionStep, GraphStep>();
        services.AddSingleton<DocumentIngestor>();
        services.AddSingleton<AutoProcessingFilter>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<RunningJobs>();
        services.AddSingleton<ChunkRetriever>();
        services.AddSingleton<GraphRetriever>();
        services.AddSingleton<GraphExplorer>();
        services.AddSingleton<QueryKeywordExtractor>();
        services.AddSingleton<MultimodalItemDescriber>();
        services.TryAddSingleton<IGraphExtractor, OfflinePharmaExtractor>();
        services.AddSingleton<ExtractiveAnswerer>();
        services.AddSingleton<RagQueryService>();
        return services;
    }
}
