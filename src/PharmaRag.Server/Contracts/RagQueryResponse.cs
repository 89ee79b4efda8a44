using PharmaRag.Core.Retrieval;

namespace PharmaRag.Server.Contracts;

/// <summary>An answer with a citation (document and page) for each of its statements.</summary>
public sealed record RagQueryResponse(
    string Query, string Answer, QueryMode Mode, IReadOnlyList<CitationResponse> Citations, IReadOnlyDictionary<string, double> TimingsMs);
