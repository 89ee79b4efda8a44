using System.Text.Json;
using System.Text.RegularExpressions;

namespace PharmaRag.Deploy.Tests;

/// <summary>What the final stage of deploy/Dockerfile runs: its environment, user, entrypoint and health check.</summary>
public sealed partial record DockerfileImage(
    int Stages,
    IReadOnlyDictionary<string, string> Environment,
    string? User,
    string? WorkingDirectory,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> HealthCheck,
    IReadOnlyList<string> Exposed,
    string RunCommands,
    IReadOnlyList<string> Publish)
{
    public static string PathInRepository => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(CloudFormationYaml.TemplatePath))!, "Dockerfile");

    public static DockerfileImage Load()
    {
        // Join continuation lines, drop comments, and keep the instructions of the last stage.
        var text = File.ReadAllText(PathInRepository).Replace("\\\n", " ");
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        var stages = lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var last = lines.SkipWhile((_, i) => i < Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToArray();
        var environment = new Dictionary<string, string>();
        string? user = null, workdir = null;
        IReadOnlyList<string> entrypoint = [], health = [];
        var exposed = new List<string>();
        foreach (var line in last)
        {
            var (instruction, rest) = (line.Split(' ', 2)[0], line.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? "");
            switch (instruction)
            {
                case "ENV":
                    foreach (Match pair in EnvPair().Matches(rest))
                    {
                        environment[pair.Groups[1].Value] = pair.Groups[2].Value;
                    }
                    break;
                case "USER":
                    user = rest;
                    break;
                case "WORKDIR":
                    workdir = rest;
                    break;
                case "EXPOSE":
                    exposed.AddRange(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "ENTRYPOINT":
                    entrypoint = JsonSerializer.Deserialize<string[]>(rest)!;
                    break;
                case "HEALTHCHECK":
                    health = JsonSerializer.Deserialize<string[]>(rest[(rest.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!;
                    break;
            }
        }
        var runs = string.Join('\n', last.Where(l => l.StartsWith("RUN ", StringComparison.Ordinal)));
        // The build stage's `RUN dotnet publish ...`, as words (it is written without quotes).
        var publish = lines.Single(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal))["RUN ".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new DockerfileImage(stages, environment, user, workdir, entrypoint, health, exposed, runs, publish);
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S+)")]
    private static partial Regex EnvPair();
}
