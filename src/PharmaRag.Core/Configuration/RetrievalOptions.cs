using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Core.Configuration;

/// <summary>Settings of search and answers (section PharmaRag:Retrieval).</summary>
public sealed class RetrievalOptions
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
    /// Weight of the vector ranking in reciprocal rank fusion. Unset: 1 with a neural embedding
    /// model, 0 with the built-in hashing embedder, which measured worse than BM25 alone on every
    /// benchmark set (its vectors are still stored, so switching costs no re-indexing).
    /// </summary>
    [Range(0, 10)]
    public double? VectorWeight { get; set; }

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
}
