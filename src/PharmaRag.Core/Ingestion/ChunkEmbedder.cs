using Microsoft.Extensions.AI;
using PharmaRag.Core.Storage;
using PharmaRag.Core.Vectors;

namespace PharmaRag.Core.Ingestion;

/// <summary>Embeds chunks and queries with the configured embedding generator, as unit vectors.</summary>
public sealed class ChunkEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator)
{
    /// <summary>"model:dimensions" of the generator, recorded with the index to catch model switches.</summary>
    public string ModelSignature
    {
        get
        {
            var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
            return $"{metadata?.DefaultModelId ?? generator.GetType().Name}:{metadata?.DefaultModelDimensions?.ToString() ?? "?"}";
        }
    }

    /// <summary>
    /// True for the built-in hashing embedder (provider "pharmarag-offline"), whose vectors
    /// carry only lexical similarity.
    /// </summary>
    public bool IsLexicalOnly => generator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName == OfflineProvider;

    public const string OfflineProvider = "pharmarag-offline";

    public async Task<IReadOnlyList<ChunkVector>> EmbedAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(
            chunks.Select(c => c.Section is null ? c.Text : c.Section + "\n" + c.Text), cancellationToken: cancellationToken);
        return chunks.Select((c, i) => new ChunkVector(c.Id, c.DocumentId, Normalized(embeddings[i].Vector))).ToArray();
    }

    /// <summary>A search query's vector; the generator is told it is a query (<see cref="EmbeddingInput"/>), so a model that prefixes queries does.</summary>
    public async Task<ReadOnlyMemory<float>> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync([query], EmbeddingInput.QueryOptions(), cancellationToken);
        return Normalized(embeddings[0].Vector);
    }

    private static ReadOnlyMemory<float> Normalized(ReadOnlyMemory<float> vector)
    {
        var copy = vector.ToArray();
        VectorMath.Normalize(copy);
        return copy;
    }
}
