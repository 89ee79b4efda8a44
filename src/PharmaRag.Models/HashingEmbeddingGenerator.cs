using Microsoft.Extensions.AI;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Text;
using PharmaRag.Core.Vectors;

namespace PharmaRag.Models;

/// <summary>
/// The built-in embedder that needs no model file and no network: stemmed words, word pairs
/// and character 4-grams hashed (signed) into a fixed number of dimensions, with sublinear term
/// weights, then normalised. It captures lexical and morphological similarity ("hepatic" vs
/// "hepatotoxicity", "COVID-19" vs "COVID19"), not meaning; a neural model does better.
/// </summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "pharmarag-hashing-v1";
    public const int Dimensions = 384;

    private readonly EmbeddingGeneratorMetadata _metadata = new(ChunkEmbedder.OfflineProvider, null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId });
        }
        return Task.FromResult(embeddings);
    }

    public static float[] Embed(string text)
    {
        var counts = new Dictionary<string, float>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var word in TermAnalyzer.Words(text))
        {
            var stem = TermAnalyzer.Stem(word);
            Add(counts, "w:" + stem, 1f);
            if (previous is not null)
            {
                Add(counts, "b:" + previous + " " + stem, 0.5f);
            }
            previous = stem;
            var padded = "<" + word + ">";
            for (var i = 0; i + 4 <= padded.Length; i++)
            {
                Add(counts, "c:" + padded.Substring(i, 4), 0.2f);
            }
        }
        var vector = new float[Dimensions];
        foreach (var (feature, weight) in counts)
        {
            var hash = Fnv1a(feature);
            var index = (int)(hash % Dimensions);
            var sign = (hash >> 63) == 0 ? 1f : -1f;
            vector[index] += sign * (1 + MathF.Log(1 + weight));
        }
        VectorMath.Normalize(vector);
        return vector;
    }

    private static void Add(Dictionary<string, float> counts, string feature, float weight) =>
        counts[feature] = counts.GetValueOrDefault(feature) + weight;

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
