using PharmaRag.Core.Configuration;

namespace PharmaRag.Core.Tests;

/// <summary>The vector weight when none is set: none for the lexical-only embedder, 0.5 for a neural model under either fusion.</summary>
public sealed class AutoVectorWeightTests
{
    [Theory]
    [InlineData(FusionMethod.Rrf, true, 0.0)]
    [InlineData(FusionMethod.Rrf, false, 0.5)]
    [InlineData(FusionMethod.Convex, true, 0.0)]
    [InlineData(FusionMethod.Convex, false, 0.5)]
    public void Unset_the_weight_follows_the_embedder(FusionMethod fusion, bool lexicalOnlyEmbedder, double expected)
    {
        var options = new RetrievalOptions { Fusion = fusion };

        Assert.Equal(expected, options.VectorWeightFor(lexicalOnlyEmbedder));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_configured_weight_wins_whatever_the_embedder(bool lexicalOnlyEmbedder)
    {
        Assert.Equal(1.0, new RetrievalOptions { VectorWeight = 1 }.VectorWeightFor(lexicalOnlyEmbedder));
        Assert.Equal(0.0, new RetrievalOptions { VectorWeight = 0 }.VectorWeightFor(lexicalOnlyEmbedder));
    }
}
