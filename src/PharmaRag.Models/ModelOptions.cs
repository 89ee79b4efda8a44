using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Models;

/// <summary>
/// Which models serve chat and embeddings, and how they are called (section PharmaRag:Models).
/// With nothing set, everything runs offline; OPENAI_API_KEY (and OPENAI_BASE_URL for any
/// OpenAI-compatible server) switches chat and embeddings to that provider.
/// </summary>
public sealed class ModelOptions
{
    public const string Section = "PharmaRag:Models";

    /// <summary>auto (openai when an API key is set), openai, or offline.</summary>
    [RegularExpression("(?i)^(auto|openai|offline)$")]
    public string Chat { get; set; } = "auto";

    /// <summary>
    /// auto (onnx when a model file is set, else openai when an API key is set, else arctic-xs),
    /// arctic-xs (the built-in neural model, offline), hashing (the built-in lexical embedder, for
    /// small machines; offline is the same), openai, or onnx.
    /// </summary>
    [RegularExpression("(?i)^(auto|openai|onnx|offline|hashing|arctic-xs)$")]
    public string Embeddings { get; set; } = "auto";

    /// <summary>The API key; OPENAI_API_KEY when unset.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The OpenAI-compatible endpoint including its version path (e.g. http://127.0.0.1:11434/v1); OPENAI_BASE_URL when unset, else the provider's public endpoint.</summary>
    public string? BaseUrl { get; set; }

    [Required]
    public string ChatModel { get; set; } = "gpt-4o-mini";

    [Required]
    public string EmbeddingModel { get; set; } = "text-embedding-3-small";

    /// <summary>Requested embedding size (for models that can shorten their vectors); the model's own when unset.</summary>
    [Range(1, 16384)]
    public int? EmbeddingDimensions { get; set; }

    /// <summary>Retries of a call that failed with 429, 408, 5xx or a network error.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>The longest wait before a retry, even when the server's Retry-After asks for more.</summary>
    [Range(0, 600)]
    public double MaxRetryDelaySeconds { get; set; } = 60;

    /// <summary>Time allowed for one attempt of one call.</summary>
    [Range(1, 3600)]
    public double RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>Model calls one document's extraction makes at the same time.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Extra turns asking the chat model for entities and relations it missed in a chunk.</summary>
    [Range(0, 3)]
    public int ExtractionGleaning { get; set; } = 1;

    /// <summary>Remember model call results in the data directory, keyed by a hash of the request.</summary>
    public bool CacheCalls { get; set; } = true;

    /// <summary>An ONNX sentence-embedding model (BERT family, inputs input_ids/attention_mask[/token_type_ids]).</summary>
    public string? OnnxModelPath { get; set; }

    /// <summary>The model's WordPiece vocabulary (vocab.txt, one token a line).</summary>
    public string? OnnxVocabPath { get; set; }

    /// <summary>Name recorded with the index for the ONNX model; its file name when unset.</summary>
    public string? OnnxModelName { get; set; }

    [Range(8, 8192)]
    public int OnnxMaxTokens { get; set; } = 512;

    /// <summary>Whether the ONNX model's vocabulary is lower-cased (uncased BERT models).</summary>
    public bool OnnxLowerCase { get; set; } = true;

    /// <summary>Texts per run of a local model (arctic-xs, onnx), sorted by length so little is padding.</summary>
    [Range(1, 256)]
    public int EmbeddingBatchSize { get; set; } = 8;

    /// <summary>Threads a local model's run uses; one per core when unset.</summary>
    [Range(1, 256)]
    public int? EmbeddingThreads { get; set; }

    /// <summary>A rerank endpoint (Cohere/Jina/vLLM style POST {url} with query and documents); off when unset.</summary>
    public string? RerankUrl { get; set; }

    public string? RerankModel { get; set; }

    /// <summary>The rerank endpoint's key; the API key when unset.</summary>
    public string? RerankApiKey { get; set; }
}
