using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Core.Configuration;

/// <summary>Settings of search and answers (section PharmaRag:Retrieval).</summary>
public sealed class RetrievalOptions : IValidatableObject
{
    public const string Section = "PharmaRag:Retrieval";

    [Range(1, 200)]
    public int DefaultTopK { get; set; } = 8;

    [Range(1, 1000)]
    public int MaxTopK { get; set; } = 100;

    /// <summary>Weight of the keyword (BM25) ranking in reciprocal rank fusion.</summary>
    [Range(0, 10)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>
    /// Weight of the vector ranking in reciprocal rank fusion (its share under convex fusion).
    /// Unset: <see cref="NeuralVectorWeight"/> with a neural embedding model, 0 with the built-in
    /// hashing embedder, which measured worse than BM25 alone on every benchmark set (its vectors
    /// are still stored, so switching costs no re-indexing).
    /// </summary>
    [Range(0, 10)]
    public double? VectorWeight { get; set; }

    /// <summary>
    /// The vector weight with a neural model when none is set, under either fusion: with arctic-xs,
    /// 0.5 lifted all five public sets, where 1 lowered our own (bench/reports/2026-12-02-issue14-stop32.md).
    /// </summary>
    public const double NeuralVectorWeight = 0.5;

    /// <summary>The vector weight in force: the configured one, else 0 for a lexical-only embedder and <see cref="NeuralVectorWeight"/> for a model.</summary>
    public double VectorWeightFor(bool lexicalOnlyEmbedder) => VectorWeight ?? (lexicalOnlyEmbedder ? 0 : NeuralVectorWeight);

    /// <summary>
    /// How the keyword and vector rankings are fused: <see cref="FusionMethod.Rrf"/> by rank
    /// (KeywordWeight and VectorWeight weigh the lists), <see cref="FusionMethod.Convex"/> by
    /// normalised score, (1 - VectorWeight) * keyword + VectorWeight * vector, VectorWeight at most 1.
    /// </summary>
    [EnumDataType(typeof(FusionMethod))]
    public FusionMethod Fusion { get; set; } = FusionMethod.Rrf;

    /// <summary>
    /// Weight of each graph ranking (local, global) against chunk retrieval in mix mode. 0 by
    /// default: over a graph from the offline rule-based extractor, every weight measured (0.1 to
    /// 1) lowered nDCG@10 and recall on SciFact and COVID-QA, so mix equals naive until a
    /// model-built graph is configured.
    /// </summary>
    [Range(0, 10)]
    public double GraphWeight { get; set; }

    /// <summary>Sentences an extractive answer is built from, at most.</summary>
    [Range(1, 20)]
    public int AnswerSentences { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Fusion != FusionMethod.Rrf && VectorWeight > 1)
        {
            yield return new ValidationResult(
                $"VectorWeight is the share of the vector score under {Fusion} fusion: between 0 and 1.", [nameof(VectorWeight)]);
        }
    }
}

/// <summary>How <see cref="RetrievalOptions.Fusion"/> combines the keyword and vector rankings.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal rank fusion: each list adds weight / (60 + rank).</summary>
    Rrf,

    /// <summary>
    /// Convex combination of scores normalised by their theoretical range (Bruch et al. 2023): the
    /// keyword side is BM25's score over the list's maximum (the rank-fused score when the question
    /// is also ranked inside named documents), the vector side the cosine mapped from -1 to 1.
    /// </summary>
    Convex,
}
