using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PharmaRag.Bench.Reporting;

/// <summary>Where results are saved (bench/results/ of the repository, which git ignores) and in which form.</summary>
public static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    /// <summary>bench/results/NAME-TIMESTAMP.json under the repository that holds the working directory, else under it.</summary>
    public static string DefaultPath(string name, DateTimeOffset startedAt)
    {
        var root = new DirectoryInfo(Environment.CurrentDirectory);
        for (var dir = root; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PharmaRag.slnx")))
            {
                root = dir;
                break;
            }
        }
        return Path.Combine(root.FullName, "bench", "results", $"{name}-{startedAt:yyyyMMdd-HHmmss}.json");
    }

    public static async Task WriteJsonAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, Json, cancellationToken);
    }

    /// <summary>The commit the run measured, so saved results can be lined up with history; null outside a repository.</summary>
    public static async Task<string?> TryDescribeCommitAsync(CancellationToken cancellationToken)
    {
        Process? git;
        try
        {
            git = Process.Start(new ProcessStartInfo("git", "describe --always --dirty --abbrev=12")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: the result simply carries no commit
        }
        if (git is null)
        {
            return null;
        }
        using (git)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                var output = await git.StandardOutput.ReadToEndAsync(timeout.Token);
                await git.WaitForExitAsync(timeout.Token);
                return git.ExitCode == 0 && output.Trim().Length > 0 ? output.Trim() : null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                git.Kill();
                return null;
            }
        }
    }
}
