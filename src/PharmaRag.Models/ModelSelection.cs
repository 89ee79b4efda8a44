namespace PharmaRag.Models;

/// <summary>
/// Which provider serves chat and which serves embeddings, decided once from configuration; the
/// start-up log and /health say it.
/// </summary>
public sealed record ModelSelection(ModelProvider Chat, ModelProvider Embeddings, string ChatDescription, string EmbeddingDescription)
{
    public bool HasChat => Chat != ModelProvider.Offline;

    public string Summary => $"chat: {ChatDescription}; embeddings: {EmbeddingDescription}";

    /// <summary>
    /// Applies the auto rules: ONNX when a model file is set, OpenAI-compatible when a key (or
    /// explicit choice) is set, else offline: the built-in arctic-xs model for embeddings (the
    /// hashing embedder when chosen as hashing or offline).
    /// </summary>
    public static ModelSelection Choose(ModelOptions options, OpenAIEndpoint endpoint)
    {
        var chat = options.Chat.ToLowerInvariant() switch
        {
            "openai" => ModelProvider.OpenAI,
            "offline" => ModelProvider.Offline,
            _ => endpoint.ApiKey is null ? ModelProvider.Offline : ModelProvider.OpenAI,
        };
        var embeddings = options.Embeddings.ToLowerInvariant() switch
        {
            "openai" => ModelProvider.OpenAI,
            "onnx" => ModelProvider.Onnx,
            "offline" or "hashing" => ModelProvider.Offline,
            ArcticXsModel.SettingValue => ModelProvider.BuiltIn,
            _ when !string.IsNullOrWhiteSpace(options.OnnxModelPath) => ModelProvider.Onnx,
            // Offline, the built-in neural model: at vector weight 0.5 it lifts all five public sets
            // over the hashing embedder, which carries no meaning (bench/reports/2026-12-02-issue14-stop32.md).
            _ => endpoint.ApiKey is null ? ModelProvider.BuiltIn : ModelProvider.OpenAI,
        };
        var chatDescription = chat == ModelProvider.OpenAI
            ? $"{options.ChatModel} at {endpoint.Describe()} (graph extraction, grounded answers, block descriptions)"
            : "offline (rule-based extraction, extractive answers, offline block descriptions)";
        var embeddingDescription = embeddings switch
        {
            ModelProvider.OpenAI => $"{options.EmbeddingModel} at {endpoint.Describe()}",
            ModelProvider.Onnx => $"ONNX model {options.OnnxModelPath}",
            ModelProvider.BuiltIn => $"built-in {ArcticXsModel.ModelId} ({ArcticXsModel.SettingValue}, offline)",
            _ => $"offline {HashingEmbeddingGenerator.ModelId}",
        };
        return new ModelSelection(chat, embeddings, chatDescription, embeddingDescription);
    }
}
