using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Vectors from two embedding models cannot be compared. The model that built the index is
/// recorded; starting with another one is refused with the command that re-embeds.
/// </summary>
public sealed class EmbeddingModelGuard(IRagStore store, IVectorIndex vectors, ChunkEmbedder embedder, IEnumerable<EmbeddingModelChoice> choices)
{
    public const string SettingKey = "embedding_model";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var recorded = await store.GetSettingAsync(SettingKey, cancellationToken);
        var current = embedder.ModelSignature;
        if (recorded is null || await vectors.CountAsync(cancellationToken) == 0)
        {
            await store.SetSettingAsync(SettingKey, current, cancellationToken);
            return;
        }
        if (recorded != current)
        {
            throw new EmbeddingModelMismatchException(
                $"The vector index was built with embedding model {recorded}, but {current} is configured. " +
                "Run `pharmarag reindex` to re-embed every chunk with the configured model, or configure the recorded one again " +
                $"({RecordedSetting(recorded)}).");
        }
    }

    /// <summary>The setting that chooses the recorded model when it is a built-in one, else the setting's name.</summary>
    private string RecordedSetting(string recorded) =>
        choices.FirstOrDefault(c => recorded.StartsWith(c.ModelId + ":", StringComparison.Ordinal)) is { } choice
            ? $"PharmaRag:Models:Embeddings={choice.SettingValue}"
            : "PharmaRag:Models:Embeddings";

    /// <summary>Records the current model after a full re-embedding.</summary>
    public Task RecordCurrentAsync(CancellationToken cancellationToken) =>
        store.SetSettingAsync(SettingKey, embedder.ModelSignature, cancellationToken);
}
