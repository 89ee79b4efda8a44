using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Models;

/// <summary>
/// Registers the tokenizer and, per capability, the model that serves it: an OpenAI-compatible
/// server when configured, a local ONNX embedding model or the built-in arctic-xs model when chosen,
/// else the offline defaults.
/// </summary>
public static class ModelsServiceCollectionExtensions
{
    public static IServiceCollection AddModels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(ModelOptions.Section).Get<ModelOptions>() ?? new ModelOptions();
        var endpoint = OpenAIEndpoint.From(options, configuration);
        var selection = ModelSelection.Choose(options, endpoint);
        var recordContent = configuration.GetValue<bool>($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.RecordModelContent)}");
        services.AddSingleton(selection);
        services.AddSingleton(new EmbeddingModelChoice(ArcticXsModel.ModelId, ArcticXsModel.SettingValue));
        services.AddSingleton(new EmbeddingModelChoice(HashingEmbeddingGenerator.ModelId, "hashing"));
        services.AddSingleton<ITokenCounter, TiktokenTokenCounter>();
        services.AddSingleton<ModelCallDistributedCache>();

        if (selection.Chat == ModelProvider.OpenAI || selection.Embeddings == ModelProvider.OpenAI)
        {
            OpenAIClientRegistration.AddOpenAIClient(services, endpoint);
        }

        switch (selection.Embeddings)
        {
            case ModelProvider.OpenAI:
                OpenAIClientRegistration.AddOpenAIEmbeddings(services, options, endpoint, recordContent);
                break;
            case ModelProvider.Onnx:
                if (string.IsNullOrWhiteSpace(options.OnnxModelPath) || string.IsNullOrWhiteSpace(options.OnnxVocabPath))
                {
                    throw new InvalidOperationException(
                        $"ONNX embeddings need both {ModelOptions.Section}:OnnxModelPath and {ModelOptions.Section}:OnnxVocabPath.");
                }
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new OnnxEmbeddingGenerator(
                    options.OnnxModelPath, options.OnnxVocabPath, new OnnxEmbeddingSettings
                    {
                        ModelName = options.OnnxModelName ?? Path.GetFileNameWithoutExtension(options.OnnxModelPath),
                        MaxTokens = options.OnnxMaxTokens,
                        LowerCase = options.OnnxLowerCase,
                        BatchSize = options.EmbeddingBatchSize,
                        Threads = options.EmbeddingThreads,
                    }));
                break;
            case ModelProvider.BuiltIn:
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => ArcticXsModel.Load(
                    ArcticXsModel.Settings(options.OnnxMaxTokens, options.EmbeddingBatchSize, options.EmbeddingThreads)));
                break;
            default:
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, HashingEmbeddingGenerator>();
                break;
        }

        if (selection.Chat == ModelProvider.OpenAI)
        {
            OpenAIClientRegistration.AddOpenAIChat(services, options, endpoint, recordContent);
            AddChatCapabilities(services, options);
        }
        if (!string.IsNullOrWhiteSpace(options.RerankUrl))
        {
            // Retries 429/5xx honouring Retry-After, with a bounded total time.
            services.AddHttpClient(nameof(HttpReranker)).AddStandardResilienceHandler();
            services.AddSingleton<IReranker>(sp => new HttpReranker(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpReranker)), new Uri(options.RerankUrl),
                options.RerankModel, options.RerankApiKey ?? endpoint.ApiKey, sp.GetRequiredService<ILogger<HttpReranker>>()));
        }
        return services;
    }

    /// <summary>What a chat model replaces: the graph extractor and the block describer (the offline ones stay as their fallbacks).</summary>
    private static void AddChatCapabilities(IServiceCollection services, ModelOptions options)
    {
        services.TryAddSingleton<OfflinePharmaExtractor>();
        services.AddSingleton(new LlmExtractionSettings(options.ExtractionGleaning, options.MaxConcurrency));
        services.Replace(ServiceDescriptor.Singleton<IGraphExtractor, LlmGraphExtractor>());
        services.Replace(ServiceDescriptor.Singleton<IBlockDescriber>(sp =>
            new ModelBlockDescriber(sp.GetRequiredService<IChatClient>(), sp.GetRequiredService<ILogger<ModelBlockDescriber>>(), options.MaxConcurrency)));
    }
}
