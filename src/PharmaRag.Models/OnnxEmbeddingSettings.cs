namespace PharmaRag.Models;

/// <summary>How <see cref="OnnxEmbeddingGenerator"/> runs a model: its name, input length, pooling, query prefix and batching.</summary>
public sealed record OnnxEmbeddingSettings
{
    /// <summary>The model id recorded with the index (a model switch is detected by it).</summary>
    public required string ModelName { get; init; }

    /// <summary>Tokens per text including [CLS] and [SEP]; longer texts are cut.</summary>
    public int MaxTokens { get; init; } = 512;

    public bool LowerCase { get; init; } = true;

    public EmbeddingPooling Pooling { get; init; } = EmbeddingPooling.Mean;

    /// <summary>Put before every search query (never before a passage); empty for symmetric models.</summary>
    public string QueryPrefix { get; init; } = "";

    /// <summary>Texts per model run; texts are sorted by length first, so little of a batch is padding.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Threads one model run uses; ONNX Runtime's default (one per core) when null.</summary>
    public int? Threads { get; init; }
}
