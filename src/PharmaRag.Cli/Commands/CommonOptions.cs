using System.CommandLine;

namespace PharmaRag.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Data directory (default: RAG_OUTPUT_DIR, else $EFS_MOUNT_PATH/rag_output, else ./rag_output)",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of tables" };
}
