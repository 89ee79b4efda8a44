using Microsoft.Extensions.AI;

namespace PharmaRag.Core.Vectors;

/// <summary>
/// Tells an embedding generator whether it embeds a search query or a passage: retrieval models
/// such as Arctic-embed prefix queries with an instruction and passages with nothing. The kind
/// travels in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>; generators that do
/// not distinguish ignore it.
/// </summary>
public static class EmbeddingInput
{
    /// <summary>The additional property naming the kind of input.</summary>
    public const string PropertyName = "pharmarag_input_type";

    public const string Query = "query";

    public const string Passage = "passage";

    /// <summary>Options marking the values as search queries.</summary>
    public static EmbeddingGenerationOptions QueryOptions() =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [PropertyName] = Query } };

    /// <summary>True when <paramref name="options"/> mark the values as search queries.</summary>
    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var kind) == true
        && string.Equals(kind as string, Query, StringComparison.Ordinal);
}
