using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PharmaRag.Server.Tests;

/// <summary>Calls of the public API, as a client would make them.</summary>
public static class Api
{
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> PresignAsync(this HttpClient client, string fileName, string? contentType = "application/pdf")
    {
        var query = $"/presigned-url?filename={Uri.EscapeDataString(fileName)}"
            + (contentType is null ? "" : $"&content_type={Uri.EscapeDataString(contentType)}");
        var response = await client.GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> PutAsync(this HttpClient client, string url, byte[] bytes, string? contentType = "application/pdf")
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return await client.PutAsync(url, content);
    }

    /// <summary>Presigned URL, then PUT: the client's whole upload. Returns the queued document id.</summary>
    public static async Task<string> UploadAsync(this HttpClient client, string fileName, byte[] bytes)
    {
        var presigned = await client.PresignAsync(fileName);
        var response = await client.PutAsync((string)presigned["url"]!, bytes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        return (string)body["document"]!["id"]!;
    }

    /// <summary>The document's status; anything but 200 fails with the status code and the problem details.</summary>
    /// <remarks>
    /// Like a well-behaved client, it waits out a 429 for the Retry-After the server names (once):
    /// a long poll on a loaded machine can otherwise meet the per-caller rate limit.
    /// </remarks>
    public static async Task<JsonObject> DocumentAsync(this HttpClient client, string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync($"/documents/{id}");
            var body = await response.JsonAsync();
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt == 0 && response.Headers.RetryAfter?.Delta is { } wait)
            {
                await Task.Delay(wait + TimeSpan.FromMilliseconds(100));
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /documents/{id} answered {(int)response.StatusCode}: {body.ToJsonString()}");
            return body;
        }
    }

    /// <summary>Waits until the document failed, or is processed with no background step pending.</summary>
    public static async Task<JsonObject> WaitForFinalStatusAsync(this HttpClient client, string id, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var document = await client.DocumentAsync(id);
            var status = (string)document["status"]!;
            if (status is "failed" || status is "processed" && document["pending_steps"]!.AsArray().Count == 0)
            {
                return document;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Document {id} is still {status} after {timeoutSeconds} s.");
            }
            // 10 polls a second: well under the default rate limit of 1200 requests per 60 s.
            await Task.Delay(100);
        }
    }

    public static async Task<JsonObject> AskAsync(this HttpClient client, string question, params string[] documentIds)
    {
        var response = await client.PostAsJsonAsync("/rag-query", new { query = question, document_ids = documentIds.Length > 0 ? documentIds : null });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<JsonArray> SearchAsync(this HttpClient client, string query, int topK = 10, params string[] documentIds)
    {
        var response = await client.PostAsJsonAsync("/search", new { query, top_k = topK, document_ids = documentIds.Length > 0 ? documentIds : null });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["results"]!.AsArray();
    }
}
