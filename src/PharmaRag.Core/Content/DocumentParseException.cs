namespace PharmaRag.Core.Content;

/// <summary>
/// The file cannot be parsed (corrupt, encrypted, truncated, unsupported). Retrying will not
/// help, so ingestion fails the document at once with this message as the reason.
/// </summary>
public sealed class DocumentParseException(string message, Exception? inner = null) : Exception(message, inner);
