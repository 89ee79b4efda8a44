namespace PharmaRag.Core.Ingestion;

/// <summary>
/// A built-in embedding model and the PharmaRag:Models:Embeddings value that chooses it, so a
/// model-mismatch error can name the exact setting that reopens an index it built.
/// </summary>
public sealed record EmbeddingModelChoice(string ModelId, string SettingValue);
