namespace PharmaRag.Server.Terminal;

/// <summary>The command line itself is wrong; the message says how to write it.</summary>
public sealed class UsageException(string message) : Exception(message);
