namespace PharmaRag.Core.Retrieval;

/// <summary>An answer with its citations and how long each stage took.</summary>
/// <param name="Mode">The retrieval that was actually run.</param>
public sealed record RagAnswer(
    string Answer,
    QueryMode Mode,
    IReadOnlyList<Citation> Citations,
    IReadOnlyDictionary<string, double> TimingsMs);
