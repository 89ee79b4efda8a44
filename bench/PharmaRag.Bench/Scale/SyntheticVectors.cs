using PharmaRag.Core.Vectors;

namespace PharmaRag.Bench.Scale;

/// <summary>
/// Unit vectors around random centres (about 50 per centre). With an intrinsic dimension, the
/// clusters live in a low-dimensional latent space projected into the full one (as text
/// embeddings do: their intrinsic dimension is far below their width), plus a little noise;
/// without one, every dimension is independent noise, the hardest case for any ANN index.
/// </summary>
public static class SyntheticVectors
{
    public static float[][] Clustered(int count, int dimensions, int seed, int intrinsic = 0)
    {
        if (intrinsic > 0)
        {
            var latent = Clustered(count, intrinsic, seed);
            var projection = Enumerable.Range(0, intrinsic).Select(i => Gaussian(new Random(1000 + i), dimensions, 1)).ToArray();
            var noise = new Random(seed + 7);
            return latent.Select(z =>
            {
                var vector = Gaussian(noise, dimensions, 0.05f);
                for (var i = 0; i < intrinsic; i++)
                {
                    for (var d = 0; d < dimensions; d++)
                    {
                        vector[d] += z[i] * projection[i][d] / MathF.Sqrt(dimensions);
                    }
                }
                VectorMath.Normalize(vector);
                return vector;
            }).ToArray();
        }
        var random = new Random(seed);
        var centres = Enumerable.Range(0, Math.Max(1, count / 50)).Select(_ => Gaussian(random, dimensions, 1)).ToArray();
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[random.Next(centres.Length)];
            var vector = Gaussian(random, dimensions, 0.6f);
            for (var d = 0; d < dimensions; d++)
            {
                vector[d] += centre[d];
            }
            VectorMath.Normalize(vector);
            vectors[i] = vector;
        }
        return vectors;
    }

    private static float[] Gaussian(Random random, int dimensions, float scale)
    {
        var values = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            values[d] = scale * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
        return values;
    }
}
