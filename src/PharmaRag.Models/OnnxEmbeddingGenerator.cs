using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using PharmaRag.Core.Vectors;

namespace PharmaRag.Models;

/// <summary>
/// Sentence embeddings from a local ONNX model of the BERT family (MiniLM, BGE, E5, Arctic-embed
/// ...): WordPiece tokens from the model's vocabulary, the token states pooled (mean over the
/// attention mask, or the [CLS] state), then normalised. A model that already outputs one pooled
/// vector per text is used as it is. Search queries (<see cref="EmbeddingInput"/>) get the model's
/// query prefix; passages none. Texts run in length-sorted batches. Nothing is downloaded.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "onnx";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly OnnxEmbeddingSettings _settings;
    private readonly string _outputName;
    private readonly bool _hasTokenTypes;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>A model and vocabulary given as files (<c>PharmaRag:Models:OnnxModelPath</c> / <c>OnnxVocabPath</c>), mean-pooled.</summary>
    public OnnxEmbeddingGenerator(string modelPath, string vocabPath, string? modelName = null, int maxTokens = 512, bool lowerCase = true)
        : this(modelPath, vocabPath, new OnnxEmbeddingSettings
        {
            ModelName = modelName ?? Path.GetFileNameWithoutExtension(modelPath),
            MaxTokens = maxTokens,
            LowerCase = lowerCase,
        })
    {
    }

    /// <summary>A model and vocabulary given as files, run as <paramref name="settings"/> say.</summary>
    public OnnxEmbeddingGenerator(string modelPath, string vocabPath, OnnxEmbeddingSettings settings)
        : this(OpenFiles(modelPath, vocabPath, settings), settings)
    {
    }

    /// <summary>A model held in memory (e.g. read from a package's resources) and its vocabulary.</summary>
    public OnnxEmbeddingGenerator(byte[] model, Stream vocabulary, Uri source, OnnxEmbeddingSettings settings)
        : this((NewSession(settings, options => new InferenceSession(model, options)), vocabulary, source), settings)
    {
    }

    private OnnxEmbeddingGenerator((InferenceSession Session, Stream Vocabulary, Uri Source) model, OnnxEmbeddingSettings settings)
    {
        _session = model.Session;
        _settings = settings;
        try
        {
            using (model.Vocabulary)
            {
                _tokenizer = BertTokenizer.Create(model.Vocabulary, new BertOptions { LowerCaseBeforeTokenization = settings.LowerCase });
            }
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        _hasTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        // Prefer a pooled sentence output when the model has one; else the token states.
        _outputName = _session.OutputMetadata.Keys.FirstOrDefault(k => k.Contains("sentence", StringComparison.OrdinalIgnoreCase))
            ?? _session.OutputMetadata.Keys.First();
        var dimensions = _session.OutputMetadata[_outputName].Dimensions[^1];
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, model.Source, settings.ModelName, dimensions > 0 ? dimensions : null);
    }

    public OnnxEmbeddingSettings Settings => _settings;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prefix = EmbeddingInput.IsQuery(options) ? _settings.QueryPrefix : "";
        var vectors = EmbedAll(values.Select(v => prefix + v).ToArray(), cancellationToken);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        embeddings.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = _metadata.DefaultModelId }));
        return Task.FromResult(embeddings);
    }

    /// <summary>One passage's normalised embedding (no query prefix).</summary>
    public float[] Embed(string text) => EmbedAll([text], CancellationToken.None)[0];

    /// <summary>The WordPiece ids the model reads for <paramref name="text"/>, with [CLS] and [SEP], cut to the token limit.</summary>
    public IReadOnlyList<int> Tokens(string text) =>
        _tokenizer.EncodeToIds(text, _settings.MaxTokens, addSpecialTokens: true, out _, out _);

    private float[][] EmbedAll(string[] texts, CancellationToken cancellationToken)
    {
        var ids = texts.Select(Tokens).ToArray();
        var vectors = new float[texts.Length][];
        // Similar lengths share a batch, so padding costs little.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => ids[i].Count).ToArray();
        foreach (var batch in order.Chunk(Math.Max(1, _settings.BatchSize)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pooled = Run(batch.Select(i => ids[i]).ToArray());
            for (var b = 0; b < batch.Length; b++)
            {
                vectors[batch[b]] = pooled[b];
            }
        }
        return vectors;
    }

    private float[][] Run(IReadOnlyList<int>[] batch)
    {
        var rows = batch.Length;
        var width = batch.Max(t => t.Count);
        long[] shape = [rows, width];
        var inputIds = new long[rows * width];
        var mask = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var t = 0; t < batch[r].Count; t++)
            {
                inputIds[r * width + t] = batch[r][t];
                mask[r * width + t] = 1;
            }
        }
        var names = new List<string> { "input_ids", "attention_mask" };
        var inputs = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(inputIds, shape),
            OrtValue.CreateTensorValueFromMemory(mask, shape),
        };
        if (_hasTokenTypes)
        {
            names.Add("token_type_ids");
            inputs.Add(OrtValue.CreateTensorValueFromMemory(new long[rows * width], shape));
        }
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, inputs, [_outputName]);
            var output = outputs[0];
            var outputShape = output.GetTensorTypeAndShape().Shape;
            var values = output.GetTensorDataAsSpan<float>();
            var hidden = (int)outputShape[^1];
            var pooled = new float[rows][];
            for (var r = 0; r < rows; r++)
            {
                pooled[r] = outputShape.Length == 2
                    ? values.Slice(r * hidden, hidden).ToArray()
                    : Pool(values.Slice(r * width * hidden, width * hidden), batch[r].Count, hidden);
                VectorMath.Normalize(pooled[r]);
            }
            return pooled;
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    /// <summary>One text's token states (<paramref name="length"/> real tokens, then padding) to one vector.</summary>
    private float[] Pool(ReadOnlySpan<float> states, int length, int hidden)
    {
        if (_settings.Pooling == EmbeddingPooling.Cls)
        {
            return states[..hidden].ToArray();
        }
        var vector = new float[hidden];
        for (var t = 0; t < length; t++)
        {
            var state = states.Slice(t * hidden, hidden);
            for (var d = 0; d < hidden; d++)
            {
                vector[d] += state[d];
            }
        }
        for (var d = 0; d < hidden; d++)
        {
            vector[d] /= length;
        }
        return vector;
    }

    private static (InferenceSession, Stream, Uri) OpenFiles(string modelPath, string vocabPath, OnnxEmbeddingSettings settings)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The ONNX embedding model {modelPath} ({ModelOptions.Section}:OnnxModelPath) does not exist.", modelPath);
        }
        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException($"The ONNX model's vocabulary {vocabPath} ({ModelOptions.Section}:OnnxVocabPath) does not exist.", vocabPath);
        }
        var session = NewSession(settings, options => new InferenceSession(modelPath, options));
        return (session, File.OpenRead(vocabPath), new Uri(Path.GetFullPath(modelPath)));
    }

    private static InferenceSession NewSession(OnnxEmbeddingSettings settings, Func<SessionOptions, InferenceSession> create)
    {
        using var options = new SessionOptions();
        if (settings.Threads is { } threads)
        {
            options.IntraOpNumThreads = threads;
        }
        return create(options);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();
}
