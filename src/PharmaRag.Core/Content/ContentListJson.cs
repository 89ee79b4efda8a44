using System.Text.Json;
using System.Text.Json.Serialization;

namespace PharmaRag.Core.Content;

/// <summary>The one JSON form of a content list, for stores that save it between ingestion steps.</summary>
public static class ContentListJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(ParsedDocument content) => JsonSerializer.SerializeToUtf8Bytes(content, Options);

    public static ParsedDocument Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ParsedDocument>(json, Options) ?? throw new JsonException("The saved content list is empty.");
}
