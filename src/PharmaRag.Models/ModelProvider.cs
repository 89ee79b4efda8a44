namespace PharmaRag.Models;

/// <summary>Where a model capability is served from.</summary>
public enum ModelProvider
{
    Offline,
    OpenAI,
    Onnx,

    /// <summary>The built-in neural model (<see cref="ArcticXsModel"/>), offline.</summary>
    BuiltIn,
}
