using System.Numerics.Tensors;

namespace PharmaRag.Core.Vectors;

/// <summary>SIMD vector arithmetic (TensorPrimitives) for unit-length embeddings.</summary>
public static class VectorMath
{
    /// <summary>Cosine similarity of unit vectors: their dot product.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    /// <summary>Scales a vector to unit length in place; the zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
