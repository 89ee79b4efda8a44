using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace PharmaRag.Deploy.Tests;

/// <summary>
/// Reads a CloudFormation YAML template into its JSON form. The short-form tags (!Ref, !Sub,
/// !GetAtt, !If, ...) become the long forms ({"Ref": ...}, {"Fn::Sub": ...}), as CloudFormation
/// itself reads them; "A.B" in !GetAtt becomes ["A", "B"].
/// </summary>
public static class CloudFormationYaml
{
    public static string TemplatePath
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PharmaRag.slnx")))
            {
                directory = directory.Parent;
            }
            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Repository root not found."),
                "deploy", "cloudformation", "pharmarag.yaml");
        }
    }

    public static JsonObject LoadTemplate() => Parse(File.ReadAllText(TemplatePath));

    public static JsonObject Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (JsonObject)Convert(stream.Documents[0].RootNode)!;
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var value = node switch
        {
            YamlMappingNode map => Mapping(map),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
            YamlScalarNode scalar => Scalar(scalar),
            _ => throw new InvalidOperationException($"Unsupported YAML node at {node.Start}."),
        };
        if (node.Tag.IsEmpty || node.Tag.Value is "tag:yaml.org,2002:str" or "tag:yaml.org,2002:int")
        {
            return value;
        }
        var tag = node.Tag.Value.TrimStart('!');
        if (tag == "Ref" || tag == "Condition")
        {
            return new JsonObject { [tag] = value };
        }
        if (tag == "GetAtt" && value is JsonValue dotted && dotted.TryGetValue<string>(out var text))
        {
            var dot = text.IndexOf('.');
            value = new JsonArray(text[..dot], text[(dot + 1)..]);
        }
        return new JsonObject { ["Fn::" + tag] = value };
    }

    private static JsonObject Mapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, child) in map.Children)
        {
            result[((YamlScalarNode)key).Value!] = Convert(child);
        }
        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }
        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        return text is "" or "null" or "~" ? null : JsonValue.Create(text);
    }
}
