using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PharmaRag.Models;

namespace PharmaRag.Models.Tests.Fakes;

/// <summary>
/// An OpenAI-compatible server on a loopback port that follows the public HTTP protocol: POST
/// /v1/chat/completions (JSON, or server-sent chunks with stream=true; text and image_url content
/// parts), POST /v1/embeddings (float or base64 encoding), error bodies in the API's shape, and
/// scripted failures such as 429 with Retry-After. Replies come from <see cref="Chat"/>.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const string ApiKey = "sk-test-fake";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string? Path, int Status, string? RetryAfter)> _failures = new();

    private FakeOpenAIServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What the model answers to a chat request.</summary>
    public Func<FakeChatRequest, string> Chat { get; set; } = _ => "OK";

    public int EmbeddingDimensions { get; set; } = 64;

    /// <summary>The relevance the rerank endpoint gives a document for a query.</summary>
    public Func<string, string, double> Relevance { get; set; } = (_, _) => 0;

    public IEnumerable<RecordedCall> RerankCalls => Calls.Where(c => c.Path.EndsWith("/rerank", StringComparison.Ordinal));

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public IEnumerable<RecordedCall> ChatCalls => Calls.Where(c => c.Path.EndsWith("/chat/completions", StringComparison.Ordinal));

    public IEnumerable<RecordedCall> EmbeddingCalls => Calls.Where(c => c.Path.EndsWith("/embeddings", StringComparison.Ordinal));

    /// <summary>Settings that point PharmaRag at this server.</summary>
    public string[] ServerArguments(params string[] more) =>
        [$"--{OpenAIEndpoint.ApiKeyVariable}={ApiKey}", $"--{OpenAIEndpoint.BaseUrlVariable}={BaseUrl}", .. more];

    /// <summary>The next <paramref name="count"/> calls (to a path ending so, or any) fail with this status.</summary>
    public void FailNext(int count, int status, string? retryAfter = null, string? pathEnding = null)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((pathEnding, status, retryAfter));
        }
    }

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = new FakeOpenAIServer(app);
        app.MapPost("/v1/chat/completions", server.ChatCompletionsAsync);
        app.MapPost("/v1/embeddings", server.EmbeddingsAsync);
        app.MapPost("/v1/rerank", server.RerankAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    private async Task<JsonObject?> AdmitAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        var authorization = context.Request.Headers.Authorization.ToString();
        var path = context.Request.Path.Value!;
        if (authorization != $"Bearer {ApiKey}")
        {
            await ErrorAsync(context, path, body, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
            return null;
        }
        if (_failures.TryPeek(out var failure) && (failure.Path is null || path.EndsWith(failure.Path, StringComparison.Ordinal))
            && _failures.TryDequeue(out failure))
        {
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }
            var (message, type) = failure.Status == 429
                ? ("Rate limit reached for requests. Please try again later.", "requests")
                : ("The server had an error while processing your request.", "server_error");
            await ErrorAsync(context, path, body, failure.Status, message, type, failure.Status == 429 ? "rate_limit_exceeded" : null);
            return null;
        }
        if (body["model"] is null)
        {
            await ErrorAsync(context, path, body, 400, "you must provide a model parameter", "invalid_request_error", null);
            return null;
        }
        Calls.Enqueue(new RecordedCall(path, DateTimeOffset.UtcNow, body, authorization, 200));
        return body;
    }

    private async Task ErrorAsync(HttpContext context, string path, JsonObject body, int status, string message, string type, string? code)
    {
        Calls.Enqueue(new RecordedCall(path, DateTimeOffset.UtcNow, body, context.Request.Headers.Authorization.ToString(), status));
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        });
    }

    // The Cohere/Jina/vLLM rerank shape: {model, query, documents, top_n} -> {results: [{index, relevance_score}]}.
    private async Task RerankAsync(HttpContext context)
    {
        if (await AdmitAsync(context) is not { } body)
        {
            return;
        }
        var query = (string?)body["query"];
        var documents = (body["documents"] as JsonArray)?.Select(d => (string?)d).ToArray();
        if (query is null || documents is null || documents.Any(d => d is null))
        {
            await ErrorAsync(context, context.Request.Path.Value!, body, 400, "query and documents (strings) are required", "invalid_request_error", null);
            return;
        }
        var topN = (int?)body["top_n"] ?? documents.Length;
        var results = documents.Select((d, i) => new JsonObject { ["index"] = i, ["relevance_score"] = Relevance(query, d!) })
            .OrderByDescending(r => (double)r["relevance_score"]!).Take(topN).ToArray();
        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["results"] = new JsonArray(results) });
    }

    private async Task ChatCompletionsAsync(HttpContext context)
    {
        if (await AdmitAsync(context) is not { } body)
        {
            return;
        }
        var messages = body["messages"]!.AsArray().Select(m => ReadMessage(m!.AsObject())).ToArray();
        var model = (string)body["model"]!;
        var stream = body["stream"]?.GetValue<bool>() == true;
        var reply = Chat(new FakeChatRequest(model, stream, messages));
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..16];
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var usage = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = reply.Length / 4, ["total_tokens"] = 10 + reply.Length / 4 };
        if (!stream)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion", ["created"] = created, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply, ["refusal"] = null },
                    ["logprobs"] = null,
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = usage,
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        async Task SendAsync(JsonObject chunk)
        {
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
            await context.Response.Body.FlushAsync();
        }
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish }),
        };
        await SendAsync(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        for (var i = 0; i < reply.Length; i += 7)
        {
            await SendAsync(Chunk(new JsonObject { ["content"] = reply.Substring(i, Math.Min(7, reply.Length - i)) }, null));
        }
        await SendAsync(Chunk([], "stop"));
        if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            await SendAsync(new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model, ["choices"] = new JsonArray(), ["usage"] = usage,
            });
        }
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static FakeMessage ReadMessage(JsonObject message)
    {
        var role = (string)message["role"]!;
        var content = message["content"];
        if (content is null)
        {
            return new FakeMessage(role, "", []);
        }
        if (content.GetValueKind() == JsonValueKind.String)
        {
            return new FakeMessage(role, (string)content!, []);
        }
        var text = new StringBuilder();
        var images = new List<string>();
        foreach (var part in content.AsArray().Select(p => p!.AsObject()))
        {
            switch ((string)part["type"]!)
            {
                case "text":
                    text.Append(text.Length > 0 ? "\n" : "").Append((string)part["text"]!);
                    break;
                case "image_url":
                    images.Add((string)part["image_url"]!["url"]!);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown content part type {(string)part["type"]!}.");
            }
        }
        return new FakeMessage(role, text.ToString(), images);
    }

    private async Task EmbeddingsAsync(HttpContext context)
    {
        if (await AdmitAsync(context) is not { } body)
        {
            return;
        }
        var input = body["input"]!;
        var texts = input.GetValueKind() == JsonValueKind.String ? [(string)input!] : input.AsArray().Select(i => (string)i!).ToArray();
        var dimensions = body["dimensions"]?.GetValue<int>() ?? EmbeddingDimensions;
        var base64 = (string?)body["encoding_format"] == "base64";
        var data = new JsonArray();
        for (var i = 0; i < texts.Length; i++)
        {
            var vector = Embed(texts[i], dimensions);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["object"] = "list", ["data"] = data, ["model"] = (string)body["model"]!,
            ["usage"] = new JsonObject { ["prompt_tokens"] = texts.Sum(t => t.Length / 4), ["total_tokens"] = texts.Sum(t => t.Length / 4) },
        });
    }

    /// <summary>A bag-of-words vector: texts that share words point the same way, enough for retrieval to work.</summary>
    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split((char[])[' ', '\n', '.', ',', ';', ':', '(', ')', '?'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 17;
            foreach (var c in word)
            {
                hash = unchecked(hash * 31 + c);
            }
            vector[(hash & int.MaxValue) % dimensions] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
