using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// A document defines "factor XI (FXI)" once and then says "FXI": a sentence using one side of a
/// definition the question spells the other way holds the question's side too. Definitions are
/// read from the retrieved chunks of each document (where its passages define what they use).
/// The second stage (<see cref="SentenceReranker"/>) and the extractive answer
/// (<see cref="ExtractiveAnswerer"/>) read sentences through the same equivalence.
/// </summary>
public sealed class AcronymEquivalents
{
    // Per document: the terms a sentence holds (one side) and the terms it then also holds (the other side).
    private readonly Dictionary<string, (HashSet<string> Has, HashSet<string> Adds)[]> _byDocument;

    private AcronymEquivalents(Dictionary<string, (HashSet<string> Has, HashSet<string> Adds)[]> byDocument) => _byDocument = byDocument;

    /// <summary>The equivalences of the definitions in <paramref name="hits"/> whose one side <paramref name="question"/> uses.</summary>
    public static AcronymEquivalents Of(string question, IEnumerable<SearchHit> hits)
    {
        var questionTerms = TermAnalyzer.Terms(question).ToHashSet(StringComparer.Ordinal);
        return new AcronymEquivalents(hits.GroupBy(h => h.Chunk.DocumentId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => AcronymDefinitions.Of(g.Select(h => h.Chunk.Text)).OneSideIn(question)
                .Select(d =>
                {
                    var acronym = TermAnalyzer.Terms(d.Acronym).ToHashSet(StringComparer.Ordinal);
                    var longForm = TermAnalyzer.Terms(d.LongForm).ToHashSet(StringComparer.Ordinal);
                    return questionTerms.IsSupersetOf(acronym) ? (Has: longForm, Adds: acronym) : (Has: acronym, Adds: longForm);
                })
                .Where(e => e.Has.Count > 0 && e.Adds.Count > 0)
                .ToArray(),
            StringComparer.Ordinal));
    }

    /// <summary>
    /// The terms of a sentence of document <paramref name="documentId"/>, with the question's side
    /// of each definition whose other side they hold; <paramref name="terms"/> itself when there is none.
    /// </summary>
    public HashSet<string> Widen(string documentId, HashSet<string> terms)
    {
        if (!_byDocument.TryGetValue(documentId, out var equivalents) || equivalents.Length == 0)
        {
            return terms;
        }
        HashSet<string>? widened = null;
        foreach (var (has, adds) in equivalents)
        {
            if (terms.IsSupersetOf(has) && !terms.IsSupersetOf(adds))
            {
                // The cached analysis is shared: the widened sentence is a copy.
                (widened ??= new HashSet<string>(terms, StringComparer.Ordinal)).UnionWith(adds);
            }
        }
        return widened ?? terms;
    }

    /// <summary>The sentence read through <see cref="Widen(string, HashSet{string})"/>.</summary>
    public ChunkSentences.Sentence Widen(string documentId, ChunkSentences.Sentence sentence) =>
        Widen(documentId, sentence.Terms) is var terms && ReferenceEquals(terms, sentence.Terms) ? sentence : sentence with { Terms = terms };
}
