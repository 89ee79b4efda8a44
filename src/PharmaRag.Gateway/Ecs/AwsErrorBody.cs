using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace PharmaRag.Gateway.Ecs;

/// <summary>AWS's error code from an error answer: "__type" (JSON protocols) or Error/Code (Query protocol, XML).</summary>
public static class AwsErrorBody
{
    public static string? ReadCode(string body)
    {
        var text = body.TrimStart();
        if (text.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                return json.RootElement.TryGetProperty("__type", out var type) && type.GetString() is { } name ? name.Split('#')[^1] : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        if (text.StartsWith('<'))
        {
            try
            {
                return XDocument.Parse(text).Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            }
            catch (XmlException)
            {
                return null;
            }
        }
        return null;
    }
}
