namespace PharmaRag.Core.Ingestion;

/// <summary>The configured embedding model cannot be loaded; the message names the setting and the fix.</summary>
public sealed class EmbeddingModelUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
