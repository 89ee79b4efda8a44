using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Models;

/// <summary>
/// A rerank endpoint in the Cohere/Jina/vLLM shape: POST {model, query, documents, top_n},
/// answer {results: [{index, relevance_score}]}. When the call fails, retrieval's own order stands:
/// a reranker may improve answers, never lose them.
/// </summary>
public sealed partial class HttpReranker(HttpClient http, Uri endpoint, string? model, string? apiKey, ILogger<HttpReranker> logger) : IReranker
{
    public async Task<IReadOnlyList<SearchHit>> RerankAsync(string query, IReadOnlyList<SearchHit> hits, int topK, CancellationToken cancellationToken)
    {
        if (hits.Count <= 1)
        {
            return hits.Take(topK).ToArray();
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["model"] = model,
                    ["query"] = query,
                    ["documents"] = new JsonArray(hits.Select(h => (JsonNode)h.Chunk.Text).ToArray()),
                    ["top_n"] = Math.Min(topK, hits.Count),
                }),
            };
            if (!string.IsNullOrEmpty(apiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            var results = (body?["results"] ?? body?["data"]) as JsonArray ?? throw new FormatException("The rerank answer has no results.");
            var reranked = results
                .Select(r => (Index: (int)r!["index"]!, Score: (double)(r["relevance_score"] ?? r["score"])!))
                .Where(r => r.Index >= 0 && r.Index < hits.Count)
                .DistinctBy(r => r.Index)
                .OrderByDescending(r => r.Score)
                .Select(r => hits[r.Index] with { Score = r.Score })
                .Take(topK)
                .ToArray();
            return reranked.Length > 0 ? reranked : hits.Take(topK).ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or FormatException or InvalidOperationException or System.Text.Json.JsonException
                                       or NullReferenceException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex, endpoint);
            return hits.Take(topK).ToArray();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reranking at {Endpoint} failed; keeping retrieval's order")]
    private partial void LogFailed(Exception error, Uri endpoint);
}
