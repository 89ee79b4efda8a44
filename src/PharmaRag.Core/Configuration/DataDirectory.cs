namespace PharmaRag.Core.Configuration;

/// <summary>
/// Resolves where PharmaRag keeps its data: --data, else RAG_OUTPUT_DIR, else
/// $EFS_MOUNT_PATH/rag_output (the original's EFS layout), else ./rag_output.
/// </summary>
public static class DataDirectory
{
    public static string Resolve(string? fromCommandLine, Func<string, string?> environment)
    {
        var chosen = Pick(fromCommandLine)
            ?? Pick(environment("RAG_OUTPUT_DIR"))
            ?? (Pick(environment("EFS_MOUNT_PATH")) is { } efs ? Path.Combine(efs, "rag_output") : null)
            ?? "rag_output";
        return Path.GetFullPath(chosen);
    }

    public static string Resolve(string? fromCommandLine) =>
        Resolve(fromCommandLine, Environment.GetEnvironmentVariable);

    private static string? Pick(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
