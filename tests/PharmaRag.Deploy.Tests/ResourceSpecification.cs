using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Deploy.Tests;

/// <summary>
/// Checks a template against AWS's CloudFormation resource specification (npm
/// @aws-cdk/cfnspec, spec/specification.json): resource types exist, every property at every
/// depth belongs to its type, required properties are present, and Ref, GetAtt, DependsOn and
/// conditions name things the template has.
/// </summary>
public sealed class ResourceSpecification(JsonObject spec)
{
    public const string Package = "@aws-cdk/cfnspec";
    public const string Version = "2.72.1";

    private static readonly HashSet<string> PseudoParameters =
        ["AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::StackId", "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs"];

    private readonly JsonObject _resourceTypes = spec["ResourceTypes"]!.AsObject();
    private readonly JsonObject _propertyTypes = spec["PropertyTypes"]!.AsObject();

    public string SpecificationVersion => (string)spec["ResourceSpecificationVersion"]!;

    public static async Task<ResourceSpecification> LoadAsync()
    {
        var path = await TestTools.NpmFileAsync(Package, Version, Path.Combine("spec", "specification.json"));
        return new ResourceSpecification(JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject());
    }

    public IReadOnlyList<string> Validate(JsonObject template)
    {
        var errors = new List<string>();
        var resources = template["Resources"]?.AsObject() ?? [];
        var parameters = template["Parameters"]?.AsObject() ?? [];
        var conditions = template["Conditions"]?.AsObject() ?? [];
        foreach (var (name, node) in resources)
        {
            var resource = node!.AsObject();
            var type = (string?)resource["Type"];
            if (type is null || _resourceTypes[type] is not JsonObject typeSpec)
            {
                errors.Add($"{name}: resource type {type} does not exist");
                continue;
            }
            foreach (var key in resource.Select(p => p.Key).Except(["Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy", "Metadata"]))
            {
                errors.Add($"{name}: unknown resource attribute {key}");
            }
            CheckProperties(errors, name, type, typeSpec["Properties"]!.AsObject(), resource["Properties"] as JsonObject ?? []);
            foreach (var dependency in resource["DependsOn"] switch { JsonArray a => a.Select(d => (string)d!), JsonValue v => [(string)v!], _ => [] })
            {
                if (!resources.ContainsKey(dependency))
                {
                    errors.Add($"{name}: DependsOn names no resource {dependency}");
                }
            }
        }
        CheckReferences(errors, template, resources, parameters, conditions);
        return errors;
    }

    private void CheckProperties(List<string> errors, string path, string resourceType, JsonObject specProperties, JsonObject properties)
    {
        foreach (var (name, value) in properties)
        {
            if (specProperties[name] is not JsonObject propertySpec)
            {
                errors.Add($"{path}: {name} is not a property of {resourceType}");
                continue;
            }
            CheckValue(errors, $"{path}.{name}", resourceType, propertySpec, value);
        }
        foreach (var (name, propertySpec) in specProperties)
        {
            if ((bool?)propertySpec!["Required"] == true && !properties.ContainsKey(name))
            {
                errors.Add($"{path}: required property {name} is missing");
            }
        }
    }

    private void CheckValue(List<string> errors, string path, string resourceType, JsonObject propertySpec, JsonNode? value)
    {
        foreach (var branch in Branches(value))
        {
            var type = (string?)propertySpec["Type"];
            if (type is "List" && branch is JsonArray items)
            {
                if (propertySpec["ItemType"] is JsonValue itemType)
                {
                    foreach (var item in items)
                    {
                        foreach (var itemBranch in Branches(item))
                        {
                            CheckStructure(errors, path + "[]", resourceType, (string)itemType!, itemBranch);
                        }
                    }
                }
            }
            else if (type is "Map" && branch is JsonObject map && !IsIntrinsic(map))
            {
                if (propertySpec["ItemType"] is JsonValue itemType)
                {
                    foreach (var (key, item) in map)
                    {
                        CheckStructure(errors, $"{path}.{key}", resourceType, (string)itemType!, item);
                    }
                }
            }
            else if (type is not null and not "List" and not "Map")
            {
                CheckStructure(errors, path, resourceType, type, branch);
            }
        }
    }

    private void CheckStructure(List<string> errors, string path, string resourceType, string typeName, JsonNode? value)
    {
        if (value is not JsonObject properties || IsIntrinsic(properties))
        {
            return; // a reference or function: its shape is known only when deployed
        }
        var spec = _propertyTypes[$"{resourceType}.{typeName}"] as JsonObject ?? _propertyTypes[typeName] as JsonObject;
        if (spec?["Properties"] is not JsonObject specProperties)
        {
            errors.Add($"{path}: the specification has no property type {resourceType}.{typeName}");
            return;
        }
        CheckProperties(errors, path, resourceType, specProperties, properties);
    }

    /// <summary>The values a property may take: both arms of Fn::If (but not AWS::NoValue), else itself.</summary>
    private static IEnumerable<JsonNode?> Branches(JsonNode? value)
    {
        if (value is JsonObject { Count: 1 } function && function["Fn::If"] is JsonArray { Count: 3 } arms)
        {
            return Branches(arms[1]).Concat(Branches(arms[2]));
        }
        return value is JsonObject { Count: 1 } reference && (string?)reference["Ref"] == "AWS::NoValue" ? [] : [value];
    }

    private static bool IsIntrinsic(JsonObject value) =>
        value.Count == 1 && value.First().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal) || key == "Condition");

    private void CheckReferences(List<string> errors, JsonNode? node, JsonObject resources, JsonObject parameters, JsonObject conditions)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.Count == 1 && obj["Ref"] is JsonValue reference)
                {
                    var target = (string)reference!;
                    if (!resources.ContainsKey(target) && !parameters.ContainsKey(target) && !PseudoParameters.Contains(target))
                    {
                        errors.Add($"Ref to unknown {target}");
                    }
                }
                if (obj.Count == 1 && obj["Fn::GetAtt"] is JsonArray { Count: 2 } getAtt)
                {
                    CheckAttribute(errors, resources, (string)getAtt[0]!, (string)getAtt[1]!);
                }
                if (obj.Count == 1 && obj["Fn::Sub"] is JsonValue sub)
                {
                    foreach (var variable in System.Text.RegularExpressions.Regex.Matches((string)sub!, @"\$\{([^}!]+)\}").Select(m => m.Groups[1].Value))
                    {
                        var parts = variable.Split('.', 2);
                        if (parts.Length == 2 && resources.ContainsKey(parts[0]))
                        {
                            CheckAttribute(errors, resources, parts[0], parts[1]);
                        }
                        else if (!resources.ContainsKey(variable) && !parameters.ContainsKey(variable) && !PseudoParameters.Contains(variable))
                        {
                            errors.Add($"Fn::Sub names unknown {variable}");
                        }
                    }
                }
                foreach (var name in new[] { obj["Condition"], (obj["Fn::If"] as JsonArray)?[0] }.OfType<JsonValue>().Select(v => (string)v!))
                {
                    if (!conditions.ContainsKey(name))
                    {
                        errors.Add($"unknown condition {name}");
                    }
                }
                foreach (var (_, child) in obj)
                {
                    CheckReferences(errors, child, resources, parameters, conditions);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CheckReferences(errors, child, resources, parameters, conditions);
                }
                break;
        }
    }

    private void CheckAttribute(List<string> errors, JsonObject resources, string resource, string attribute)
    {
        if (resources[resource] is not JsonObject target)
        {
            errors.Add($"GetAtt of unknown resource {resource}");
            return;
        }
        var attributes = _resourceTypes[(string)target["Type"]!]?["Attributes"] as JsonObject;
        if (attributes is null || !attributes.ContainsKey(attribute))
        {
            errors.Add($"{resource} ({target["Type"]}) has no attribute {attribute}");
        }
    }
}
