using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using PharmaRag.Core.Vectors;

namespace PharmaRag.Models;

/// <summary>
/// Sentence embeddings from a local ONNX model of the BERT family (MiniLM, BGE, E5 ...): WordPiece
/// tokens from the model's vocabulary, the token vectors mean-pooled over the attention mask,
/// then normalised. A model that already outputs one pooled vector per text is used as it is.
/// Nothing is downloaded: the model and vocabulary files are given.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "onnx";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly int _maxTokens;
    private readonly string _outputName;
    private readonly bool _hasTokenTypes;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OnnxEmbeddingGenerator(string modelPath, string vocabPath, string? modelName = null, int maxTokens = 512, bool lowerCase = true)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The ONNX embedding model {modelPath} ({ModelOptions.Section}:OnnxModelPath) does not exist.", modelPath);
        }
        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException($"The ONNX model's vocabulary {vocabPath} ({ModelOptions.Section}:OnnxVocabPath) does not exist.", vocabPath);
        }
        _session = new InferenceSession(modelPath);
        _tokenizer = BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = lowerCase });
        _maxTokens = maxTokens;
        _hasTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        // Prefer a pooled sentence output when the model has one; else the token states.
        _outputName = _session.OutputMetadata.Keys.FirstOrDefault(k => k.Contains("sentence", StringComparison.OrdinalIgnoreCase))
            ?? _session.OutputMetadata.Keys.First();
        var dimensions = _session.OutputMetadata[_outputName].Dimensions[^1];
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, new Uri(Path.GetFullPath(modelPath)),
            modelName ?? Path.GetFileNameWithoutExtension(modelPath), dimensions > 0 ? dimensions : null);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value)) { ModelId = _metadata.DefaultModelId });
        }
        return Task.FromResult(embeddings);
    }

    /// <summary>One text's normalised embedding.</summary>
    public float[] Embed(string text)
    {
        var ids = _tokenizer.EncodeToIds(text, _maxTokens, addSpecialTokens: true, out _, out _);
        var length = ids.Count;
        long[] shape = [1, length];
        var inputIds = ids.Select(i => (long)i).ToArray();
        var mask = Enumerable.Repeat(1L, length).ToArray();
        var names = new List<string> { "input_ids", "attention_mask" };
        var inputs = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(inputIds, shape),
            OrtValue.CreateTensorValueFromMemory(mask, shape),
        };
        if (_hasTokenTypes)
        {
            names.Add("token_type_ids");
            inputs.Add(OrtValue.CreateTensorValueFromMemory(new long[length], shape));
        }
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, inputs, [_outputName]);
            var output = outputs[0];
            var outputShape = output.GetTensorTypeAndShape().Shape;
            var values = output.GetTensorDataAsSpan<float>();
            var hidden = (int)outputShape[^1];
            var vector = new float[hidden];
            if (outputShape.Length == 2)
            {
                values[..hidden].CopyTo(vector);
            }
            else
            {
                // Mean over the tokens the mask keeps (all of them: one unpadded text per run).
                for (var t = 0; t < length; t++)
                {
                    for (var d = 0; d < hidden; d++)
                    {
                        vector[d] += values[t * hidden + d];
                    }
                }
                for (var d = 0; d < hidden; d++)
                {
                    vector[d] /= length;
                }
            }
            VectorMath.Normalize(vector);
            return vector;
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();
}
