using System.Text.Json.Nodes;

namespace PharmaRag.Deploy.Tests;

/// <summary>
/// The flaws of the original deployment, as rules over a template: ingress from anywhere other
/// than the public entry's 443, SSH, tasks with public IPs, buckets without a public-access
/// block, and IAM statements allowing every action on every resource.
/// </summary>
public static class TemplateSecurityRules
{
    public static IReadOnlyList<string> Violations(JsonObject template)
    {
        var violations = new List<string>();
        var resources = template["Resources"]?.AsObject() ?? [];
        foreach (var (name, node) in resources)
        {
            var type = (string?)node!["Type"];
            var properties = node["Properties"] as JsonObject ?? [];
            switch (type)
            {
                case "AWS::EC2::SecurityGroup":
                    foreach (var rule in Items(properties["SecurityGroupIngress"]))
                    {
                        CheckIngress(violations, name, rule);
                    }
                    break;
                case "AWS::EC2::SecurityGroupIngress":
                    CheckIngress(violations, name, properties);
                    break;
                case "AWS::ECS::Service":
                    foreach (var network in Alternatives(properties["NetworkConfiguration"]))
                    {
                        var assign = network?["AwsvpcConfiguration"]?["AssignPublicIp"];
                        if (assign is not JsonValue value || (string?)value != "DISABLED")
                        {
                            violations.Add($"{name}: tasks must not get public IPs (AssignPublicIp: DISABLED)");
                        }
                        foreach (var subnet in Items(network?["AwsvpcConfiguration"]?["Subnets"]))
                        {
                            if ((string?)subnet?["Ref"] is { } subnetName && resources[subnetName]?["Properties"]?["MapPublicIpOnLaunch"] is JsonValue map && (bool)map)
                            {
                                violations.Add($"{name}: tasks run in {subnetName}, which assigns public IPs");
                            }
                        }
                    }
                    break;
                case "AWS::EC2::Instance" or "AWS::EC2::LaunchTemplate":
                    violations.Add($"{name}: no instances are expected (and none with SSH)");
                    break;
                case "AWS::S3::Bucket":
                    var block = properties["PublicAccessBlockConfiguration"] as JsonObject;
                    foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
                    {
                        if (block?[setting] is not JsonValue on || !(bool)on)
                        {
                            violations.Add($"{name}: bucket without public-access block ({setting})");
                        }
                    }
                    break;
            }
            foreach (var statement in PolicyStatements(node))
            {
                CheckStatement(violations, name, statement);
            }
        }
        return violations;
    }

    private static void CheckIngress(List<string> violations, string name, JsonNode? rule)
    {
        var protocol = rule?["IpProtocol"]?.ToString();
        var from = (long?)(rule?["FromPort"] as JsonValue) ?? -1;
        var to = (long?)(rule?["ToPort"] as JsonValue) ?? -1;
        var allPorts = protocol is "-1" or "all" || from < 0;
        if (allPorts || (from <= 22 && 22 <= to))
        {
            violations.Add($"{name}: ingress reaches port 22 (SSH)" + (allPorts ? " through an all-ports rule" : ""));
        }
        var open = (string?)(rule?["CidrIp"] as JsonValue) == "0.0.0.0/0" || (string?)(rule?["CidrIpv6"] as JsonValue) == "::/0";
        if (open && (allPorts || from != 443 || to != 443))
        {
            violations.Add($"{name}: ingress from anywhere on ports {from}-{to}; only the public entry's 443 may be open");
        }
    }

    private static void CheckStatement(List<string> violations, string name, JsonObject statement)
    {
        if ((string?)statement["Effect"] != "Allow")
        {
            return;
        }
        if (statement.ContainsKey("NotAction") || statement.ContainsKey("NotResource"))
        {
            violations.Add($"{name}: Allow with NotAction/NotResource grants more than it names");
        }
        var everyAction = Items(statement["Action"]).Any(a => (string?)(a as JsonValue) is "*" or "*:*");
        var everyResource = Items(statement["Resource"]).Any(r => (string?)(r as JsonValue) == "*");
        if (everyAction && everyResource)
        {
            violations.Add($"{name}: an IAM statement allows \"*\" actions on \"*\" resources");
        }
    }

    /// <summary>Statements of inline role policies, managed policies, policies and bucket policies.</summary>
    private static IEnumerable<JsonObject> PolicyStatements(JsonNode resource)
    {
        var properties = resource["Properties"];
        var documents = new List<JsonNode?> { properties?["PolicyDocument"] };
        foreach (var policies in Alternatives(properties?["Policies"]))
        {
            documents.AddRange(Items(policies).Select(p => p?["PolicyDocument"]));
        }
        return documents.SelectMany(d => Items(d?["Statement"])).OfType<JsonObject>();
    }

    /// <summary>A list's items, a single value as one item, and both arms of Fn::If.</summary>
    private static IEnumerable<JsonNode?> Items(JsonNode? node) =>
        Alternatives(node).SelectMany(n => n is JsonArray array ? array.SelectMany(Alternatives) : [n]);

    private static IEnumerable<JsonNode?> Alternatives(JsonNode? node)
    {
        if (node is JsonObject { Count: 1 } function && function["Fn::If"] is JsonArray { Count: 3 } arms)
        {
            return Alternatives(arms[1]).Concat(Alternatives(arms[2]));
        }
        return node is null || (node is JsonObject { Count: 1 } noValue && (string?)noValue["Ref"] == "AWS::NoValue") ? [] : [node];
    }
}
