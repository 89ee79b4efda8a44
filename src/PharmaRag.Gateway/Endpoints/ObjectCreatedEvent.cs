using System.Net;
using System.Text.Json.Nodes;

namespace PharmaRag.Gateway.Endpoints;

/// <summary>Reads object keys from an S3 event notification or from a plain {"key": ...}.</summary>
public static class ObjectCreatedEvent
{
    public static IReadOnlyList<string> Keys(JsonNode? body)
    {
        if (body is not JsonObject root)
        {
            return [];
        }
        if (root["key"] is JsonValue key && key.TryGetValue<string>(out var plain))
        {
            return [plain];
        }
        // S3 URL-encodes keys in notifications, with '+' for spaces.
        return root["Records"] is JsonArray records
            ? records.Select(r => r?["s3"]?["object"]?["key"]).OfType<JsonValue>()
                .Select(k => k.TryGetValue<string>(out var s) ? WebUtility.UrlDecode(s) : null)
                .OfType<string>().ToArray()
            : [];
    }
}
