using System.Text.RegularExpressions;

namespace PharmaRag.Cli.Tests;

/// <summary>The shell blocks of README.md marked as the walk-through, verbatim and in order.</summary>
public static partial class ReadmeWalkthrough
{
    public const string Marker = "<!-- walk-through:";

    public static IReadOnlyList<string> Blocks(string readme) =>
        [.. MarkedBlock().Matches(readme.ReplaceLineEndings("\n")).Select(m => m.Groups["script"].Value)];

    [GeneratedRegex(@"<!-- walk-through:[^\n]*-->\n```sh\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();
}
