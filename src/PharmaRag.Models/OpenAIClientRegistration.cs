using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using PharmaRag.Core.Diagnostics;
using Polly;

namespace PharmaRag.Models;

/// <summary>
/// One OpenAI SDK client over an HttpClient whose resilience handler retries 429, 408, 5xx and
/// network failures, waiting what Retry-After asks (bounded by MaxRetryDelaySeconds) or else an
/// exponential backoff with jitter. The SDK's own retries are switched off so calls are not
/// retried twice over.
/// </summary>
internal static partial class OpenAIClientRegistration
{
    public const string HttpClientName = "PharmaRag.Models.OpenAI";

    public static void AddOpenAIClient(IServiceCollection services, OpenAIEndpoint endpoint)
    {
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("model-calls", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ModelOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(HttpClientName);
                var maxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromSeconds(1),
                        MaxDelay = maxDelay,
                        ShouldRetryAfterHeader = false,
                        DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay.From(args.Outcome.Result, maxDelay, time.GetUtcNow())),
                        OnRetry = args =>
                        {
                            LogRetry(logger, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode ?? 0, args.RetryDelay.TotalSeconds);
                            return ValueTask.CompletedTask;
                        },
                    });
                }
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
            });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            // The SDK's timeout spans the whole resilient call: every attempt and every wait.
            var overall = (options.MaxRetries + 1) * (options.RequestTimeoutSeconds + options.MaxRetryDelaySeconds);
            var clientOptions = new OpenAIClientOptions
            {
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = TimeSpan.FromSeconds(overall),
            };
            if (endpoint.BaseUrl is { } baseUrl)
            {
                clientOptions.Endpoint = baseUrl;
            }
            // OpenAI-compatible local servers (Ollama, vLLM) take any key.
            return new OpenAIClient(new ApiKeyCredential(endpoint.ApiKey ?? "unused"), clientOptions);
        });
    }

    public static void AddOpenAIChat(IServiceCollection services, ModelOptions options, OpenAIEndpoint endpoint, bool recordContent)
    {
        var builder = services.AddChatClient(sp => sp.GetRequiredService<OpenAIClient>().GetChatClient(options.ChatModel).AsIChatClient());
        if (options.CacheCalls)
        {
            builder.Use((inner, sp) => new DistributedCachingChatClient(inner, sp.GetRequiredService<ModelCallDistributedCache>())
            {
                CacheKeyAdditionalValues = ["openai", endpoint.Describe(), options.ChatModel],
            });
        }
        // A span and token metrics per model call; prompts and answers (document text) only when
        // PharmaRag:Telemetry:RecordModelContent is set.
        builder.UseOpenTelemetry(sourceName: PharmaRagTelemetry.ModelsSource, configure: c => c.EnableSensitiveData = recordContent);
        builder.UseLogging();
    }

    public static void AddOpenAIEmbeddings(IServiceCollection services, ModelOptions options, OpenAIEndpoint endpoint, bool recordContent)
    {
        var builder = services.AddEmbeddingGenerator(sp =>
            sp.GetRequiredService<OpenAIClient>().GetEmbeddingClient(options.EmbeddingModel).AsIEmbeddingGenerator(options.EmbeddingDimensions));
        if (options.CacheCalls)
        {
            builder.Use((inner, sp) => new DistributedCachingEmbeddingGenerator<string, Embedding<float>>(inner, sp.GetRequiredService<ModelCallDistributedCache>())
            {
                CacheKeyAdditionalValues = ["openai", endpoint.Describe(), options.EmbeddingModel, options.EmbeddingDimensions?.ToString() ?? ""],
            });
        }
        builder.UseOpenTelemetry(sourceName: PharmaRagTelemetry.ModelsSource, configure: g => g.EnableSensitiveData = recordContent);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model call attempt {Attempt} failed with status {Status}; retrying in {DelaySeconds:0.#} s")]
    private static partial void LogRetry(ILogger logger, int attempt, int status, double delaySeconds);
}
