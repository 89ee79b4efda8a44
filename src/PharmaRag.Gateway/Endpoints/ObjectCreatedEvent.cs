using System.Net;
using System.Text.Json.Nodes;

namespace PharmaRag.Gateway.Endpoints;

/// <summary>Reads object keys from an S3 event notification or from a plain {"key": ...}.</summary>
public static class ObjectCreatedEvent
{
    /// <param name="bucketPrefix">
    /// The object store's prefix in its bucket: S3 notifications name bucket keys, so keys outside
    /// the prefix are not this system's and are dropped, and the prefix is removed from the rest.
    /// </param>
    public static IReadOnlyList<string> Keys(JsonNode? body, string bucketPrefix = "")
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
                .OfType<string>()
                .Where(k => k.StartsWith(bucketPrefix, StringComparison.Ordinal) && k.Length > bucketPrefix.Length)
                .Select(k => k[bucketPrefix.Length..]).ToArray()
            : [];
    }
}
