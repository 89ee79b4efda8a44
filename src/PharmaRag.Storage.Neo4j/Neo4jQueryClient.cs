using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PharmaRag.Storage.Neo4j;

/// <summary>
/// Calls Neo4j 5's Query API: POST {base}/db/{database}/query/v2 with basic auth and a JSON body
/// {"statement", "parameters"}; a result is {"data": {"fields", "values"}, "bookmarks"}, a
/// failure {"errors": [{"code", "message"}]}. Statements are constants; every value travels as
/// a parameter. Bookmarks of writes are sent with later calls, so a read sees this replica's
/// own writes even on a cluster.
/// </summary>
public sealed class Neo4jQueryClient(HttpClient http, Uri endpoint, string? username, string? password)
{
    private readonly Lock _lock = new();
    private string[] _bookmarks = [];

    public Uri Endpoint => endpoint;

    public static Uri QueryUrl(Uri httpBase, string database) =>
        new($"{httpBase.ToString().TrimEnd('/')}/db/{Uri.EscapeDataString(database)}/query/v2");

    public async Task<Neo4jResult> RunAsync(string statement, JsonObject parameters, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["statement"] = statement, ["parameters"] = parameters };
        string[] bookmarks;
        lock (_lock)
        {
            bookmarks = _bookmarks;
        }
        if (bookmarks.Length > 0)
        {
            body["bookmarks"] = new JsonArray(bookmarks.Select(b => (JsonNode?)b).ToArray());
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (username is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }
        using var response = await http.SendAsync(request, cancellationToken);
        var json = await ReadJsonAsync(response, cancellationToken);
        if (json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var first = errors[0];
            var code = first.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
            var message = first.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            throw response.StatusCode == HttpStatusCode.Unauthorized
                ? new Neo4jException(code, $"{message} Check NEO4J_USERNAME and NEO4J_PASSWORD.")
                : new Neo4jException(code, message);
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new Neo4jException($"HTTP {(int)response.StatusCode}", $"the Query API at {endpoint} answered {response.ReasonPhrase}.");
        }
        if (json.TryGetProperty("bookmarks", out var marks) && marks.ValueKind == JsonValueKind.Array && marks.GetArrayLength() > 0)
        {
            lock (_lock)
            {
                _bookmarks = marks.EnumerateArray().Select(b => b.GetString() ?? "").Where(b => b.Length > 0).ToArray();
            }
        }
        var data = json.GetProperty("data");
        var fields = data.GetProperty("fields").EnumerateArray().Select(f => f.GetString() ?? "").ToArray();
        var values = data.GetProperty("values").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.Clone()).ToArray()).ToArray();
        return new Neo4jResult(fields, values);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Neo4jException($"HTTP {(int)response.StatusCode}", "the Query API answered with something that is not JSON.");
        }
    }
}
