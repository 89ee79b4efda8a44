namespace PharmaRag.Core.Configuration;

/// <summary>Another PharmaRag process holds the data directory; the message names it and the way out.</summary>
public sealed class DataDirectoryInUseException(string message, Exception inner) : InvalidOperationException(message, inner);
