using System.Text.Json;

namespace PharmaRag.Bench.Datasets;

/// <summary>Reads the JSON and JSON Lines files of the sets, turning format errors into messages that name the file.</summary>
internal static class JsonInput
{
    public static JsonElement ReadDocument(string path)
    {
        using var stream = OpenRead(path);
        try
        {
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new BenchDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    public static IEnumerable<JsonElement> ReadLines(string path)
    {
        using var reader = new StreamReader(OpenRead(path));
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(line);
                element = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new BenchDataException($"{path} line {number} is not valid JSON: {ex.Message}", ex);
            }
            yield return element;
        }
    }

    /// <summary>A string or number property as text (dataset ids come as either), or null.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static string RequiredText(JsonElement element, string name, string where) =>
        Text(element, name) is { Length: > 0 } value
            ? value
            : throw new BenchDataException($"{where}: the property '{name}' is missing or empty.");

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    private static FileStream OpenRead(string path) =>
        File.Exists(path) ? File.OpenRead(path) : throw new BenchDataException($"File not found: {path}");
}
