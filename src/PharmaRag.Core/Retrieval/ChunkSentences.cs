using System.Runtime.CompilerServices;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// A chunk's sentences (and table rows) with their stemmed terms, analysed once per loaded chunk:
/// routing, reranking and the extractive answer of one query all read the same analysis instead of
/// splitting and stemming the same text three times.
/// </summary>
public static class ChunkSentences
{
    /// <summary>One sentence: its start offset in the chunk text, its text and its terms.</summary>
    public sealed record Sentence(int Start, string Text, HashSet<string> Terms);

    private sealed record Analysis(IReadOnlyList<Sentence> Sentences, HashSet<string> Terms);

    // Keyed by the chunk instance: a query's chunks are loaded once and analysed once; the analysis
    // goes when the chunk does.
    private static readonly ConditionalWeakTable<Chunk, Analysis> Analyses = new();

    public static IReadOnlyList<Sentence> Of(Chunk chunk) => Analyze(chunk).Sentences;

    /// <summary>Every term of the chunk's text.</summary>
    public static IReadOnlySet<string> TermsOf(Chunk chunk) => Analyze(chunk).Terms;

    private static Analysis Analyze(Chunk chunk) => Analyses.GetValue(chunk, static c =>
    {
        var sentences = SentenceSplitter.Split(c.Text)
            .Select(s => new Sentence(s.Start, s.Text, TermAnalyzer.Terms(s.Text).ToHashSet(StringComparer.Ordinal)))
            .ToArray();
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            terms.UnionWith(sentence.Terms);
        }
        return new Analysis(sentences, terms);
    });
}
