using System.CommandLine;
using PharmaRag.Server.Terminal;

namespace PharmaRag.Cli.Commands;

/// <summary>
/// What every command passes to the host: the configuration arguments (--Section:Key=value) left
/// over after the command's own options, and whether to be verbose.
/// </summary>
internal sealed record CliInvocation(string[] ConfigurationArgs, bool Verbose)
{
    /// <summary>
    /// The command's unmatched tokens as configuration arguments. Anything that is not a
    /// --Section:Key=value (or --Section:Key value) pair is a mistake, refused with a usage line.
    /// </summary>
    public static CliInvocation From(ParseResult parse)
    {
        var tokens = parse.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':', StringComparison.Ordinal))
            {
                throw new UsageException(
                    $"Unknown argument '{token}' for `pharmarag {parse.CommandResult.Command.Name}`: settings are given as --Section:Key=value " +
                    $"(e.g. --PharmaRag:Ingestion:Workers=1); see `pharmarag {parse.CommandResult.Command.Name} --help`.");
            }
            if (!token.Contains('=', StringComparison.Ordinal))
            {
                i++; // --Section:Key value
            }
        }
        return new CliInvocation([.. tokens], parse.GetValue(CommonOptions.Verbose));
    }

    /// <summary>
    /// Arguments for a host: quiet defaults first, so that the user's own arguments, which come
    /// after, still win. Without --verbose, commands log warnings only, and the host's own report
    /// of a failed start (a stack trace) is left to the one-line error.
    /// </summary>
    public string[] HostArgs(bool quietLogs)
    {
        var defaults = new List<string>();
        if (!Verbose)
        {
            defaults.Add("--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=Critical");
            if (quietLogs)
            {
                defaults.Add("--Logging:LogLevel:Default=Warning");
            }
        }
        else if (quietLogs)
        {
            defaults.Add("--Logging:LogLevel:Default=Information");
        }
        return [.. defaults, .. ConfigurationArgs];
    }
}
