namespace PharmaRag.Bench.Retrieval;

/// <summary>An answer's text and its citations, in the order the answer gives them.</summary>
public sealed record BenchAnswer(string Text, IReadOnlyList<BenchCitation> Citations);

/// <summary>One citation: the store document and page it names, and the text it quotes.</summary>
public sealed record BenchCitation(string DocumentId, int Page, string Text);
