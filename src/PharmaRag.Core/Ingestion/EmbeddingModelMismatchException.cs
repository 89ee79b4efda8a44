namespace PharmaRag.Core.Ingestion;

/// <summary>The vector index was built with another embedding model than the configured one; the message names both and the fix.</summary>
public sealed class EmbeddingModelMismatchException(string message) : InvalidOperationException(message);
