namespace PharmaRag.Models;

/// <summary>Where a model capability is served from.</summary>
public enum ModelProvider
{
    Offline,
    OpenAI,
    Onnx,
}
