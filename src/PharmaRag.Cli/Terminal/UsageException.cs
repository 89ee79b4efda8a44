namespace PharmaRag.Cli.Terminal;

/// <summary>The command line itself is wrong; the message says how to write it.</summary>
internal sealed class UsageException(string message) : Exception(message);
