using PharmaRag.Core.Retrieval;

namespace PharmaRag.Server.Contracts;

/// <summary>An answer to a multimodal query, with the description each item was folded in as.</summary>
public sealed record MultimodalQueryResponse(
    string Query,
    string Answer,
    QueryMode Mode,
    IReadOnlyList<CitationResponse> Citations,
    IReadOnlyDictionary<string, double> TimingsMs,
    IReadOnlyList<string> MultimodalDescriptions);
