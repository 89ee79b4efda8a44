using System.CommandLine;

namespace PharmaRag.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>On every command: stack traces with errors and informational logs.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show informational logs, and the stack trace with an error",
        Recursive = true,
    };

    public static Option<string?> Data() => new("--data")
    {
        Description = "Data directory (default: RAG_OUTPUT_DIR, else $EFS_MOUNT_PATH/rag_output, else ./rag_output)",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of tables" };

    /// <summary>Lets a command take --Section:Key=value settings after its own options.</summary>
    public static T AcceptingSettings<T>(this T command) where T : Command
    {
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }
}
