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
        // Features are kept by their 64-bit hash (the index and sign come from it anyway), so no
        // feature string is built: the same vector, without an allocation per feature.
        var counts = new Dictionary<ulong, float>();
        string? previous = null;
        Span<char> padded = stackalloc char[66];
        foreach (var word in TermAnalyzer.Words(text))
        {
            var stem = TermAnalyzer.Stem(word);
            Add(counts, Fnv1a(Fnv1a(Offset, "w:"), stem), 1f);
            if (previous is not null)
            {
                Add(counts, Fnv1a(Fnv1a(Fnv1a(Fnv1a(Offset, "b:"), previous), " "), stem), 0.5f);
            }
            previous = stem;
            var gram = word.Length + 2 <= padded.Length ? padded[..(word.Length + 2)] : new char[word.Length + 2];
            gram[0] = '<';
            word.AsSpan().CopyTo(gram[1..]);
            gram[^1] = '>';
            var prefix = Fnv1a(Offset, "c:");
            for (var i = 0; i + 4 <= gram.Length; i++)
            {
                Add(counts, Fnv1a(prefix, gram.Slice(i, 4)), 0.2f);
            }
        }
        var vector = new float[Dimensions];
        foreach (var (hash, weight) in counts)
        {
            var index = (int)(hash % Dimensions);
            var sign = (hash >> 63) == 0 ? 1f : -1f;
            vector[index] += sign * (1 + MathF.Log(1 + weight));
        }
        VectorMath.Normalize(vector);
        return vector;
    }

    private const ulong Offset = 14695981039346656037UL;

    private static void Add(Dictionary<ulong, float> counts, ulong feature, float weight) =>
        counts[feature] = counts.GetValueOrDefault(feature) + weight;

    private static ulong Fnv1a(ulong hash, ReadOnlySpan<char> text)
    {
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
