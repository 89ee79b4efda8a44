using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using PharmaRag.Core.Configuration;

namespace PharmaRag.Server.Workspaces;

/// <summary>
/// Where a workspace other than <c>default</c> keeps its data, derived from the deployment's own
/// settings: its own data directory (DATA/workspaces/NAME: SQLite file, objects, vector files,
/// upload signing key), its own PostgreSQL schema, its own S3 key prefix and its own Neo4j
/// database. Everything else (models, limits, ingestion) is the deployment's.
/// </summary>
public static class WorkspaceSettings
{
    public const string Folder = "workspaces";

    public static string DataDirectory(string root, string workspace) => Path.Combine(root, Folder, workspace);

    public static Dictionary<string, string?> Overrides(IConfiguration configuration, string workspace)
    {
        var suffix = workspace.Replace('-', '_');
        var schema = configuration[$"{StorageOptions.Section}:Schema"];
        var overrides = new Dictionary<string, string?>
        {
            [$"{StorageOptions.Section}:Schema"] = string.IsNullOrWhiteSpace(schema) || schema == "public"
                ? $"pharmarag_ws_{suffix}"
                : $"{schema}_ws_{suffix}",
            ["PharmaRag:Objects:S3:Prefix"] = (configuration["PharmaRag:Objects:S3:Prefix"] ?? "").TrimEnd('/') is { Length: > 0 } prefix
                ? $"{prefix}/{Folder}/{workspace}/"
                : $"{Folder}/{workspace}/",
            [$"{GraphOptions.Section}:Neo4jDatabase"] = $"{configuration[$"{GraphOptions.Section}:Neo4jDatabase"] ?? "neo4j"}-ws-{workspace}",
        };
        // A configured signing key is shared by replicas; each workspace signs with its own key
        // derived from it, so a URL issued for one workspace never verifies in another.
        if (configuration[$"{UploadOptions.Section}:SigningKey"] is { Length: > 0 } key && IsBase64(key))
        {
            var derived = HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes("pharmarag-workspace:" + workspace));
            overrides[$"{UploadOptions.Section}:SigningKey"] = Convert.ToBase64String(derived);
        }
        return overrides;
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
