using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// BM25 over the chunks of one document, by that document's own term statistics. Inside a
/// protocol, "patients" or "randomized" weigh almost nothing library-wide yet still tell its
/// synopsis chunk ("A total of 70 patients will be randomized") from its other chunks; and each
/// chunk is indexed by its section path and text only, without the document title every chunk
/// carries in its keyword-index header, so the title page no longer matches every question.
/// </summary>
public sealed class DocumentTermIndex
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public const double K1 = 1.2;

    /// <summary>BM25 length normalisation.</summary>
    public const double B = 0.75;

    private readonly string[] _ids;
    private readonly Dictionary<string, int>[] _frequencies;
    private readonly int[] _lengths;
    private readonly bool[] _leadsIn;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    private DocumentTermIndex(IReadOnlyList<Chunk> chunks)
    {
        _ids = new string[chunks.Count];
        _frequencies = new Dictionary<string, int>[chunks.Count];
        _lengths = new int[chunks.Count];
        _leadsIn = new bool[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            _ids[i] = chunks[i].Id;
            _leadsIn[i] = chunks[i].Tokens < LeadInTokens && chunks[i].Kind == BlockKind.Text;
            var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
            // A table of contents names every section and states nothing: it is not indexed.
            var text = ContentsListing.Is(chunks[i]) ? "" : chunks[i].SectionPath + "\n" + chunks[i].Text;
            foreach (var term in Terms(text))
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
                _lengths[i]++;
            }
            _frequencies[i] = frequencies;
            foreach (var term in frequencies.Keys)
            {
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
            }
        }
        _averageLength = chunks.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
        Acronyms = AcronymDefinitions.Of(chunks.Select(c => c.Text));
    }

    /// <summary>The acronyms the document defines, found once when the index is built.</summary>
    public AcronymDefinitions Acronyms { get; }

    /// <summary>The index terms of <paramref name="text"/>: stemmed (<see cref="TermAnalyzer"/>) and conflated.</summary>
    public static IEnumerable<string> Terms(string text) => TermAnalyzer.Terms(text).Select(Conflate);

    // Derived forms share a term ("contraindicated", "contraindications"; "randomized",
    // "randomization"), which the light stemmer keeps apart: suffixes are stripped while at least
    // four letters remain.
    private static readonly string[] Suffixes = ["ation", "ition", "ical", "ated", "ate", "ion", "ive", "at", "ic", "al", "ly"];

    private static string Conflate(string term)
    {
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var suffix in Suffixes)
            {
                if (term.Length >= suffix.Length + 4 && term.EndsWith(suffix, StringComparison.Ordinal))
                {
                    term = term[..^suffix.Length];
                    stripped = true;
                    break;
                }
            }
        }
        return term;
    }

    /// <summary>How many chunks the index holds.</summary>
    public int Count => _ids.Length;

    public static DocumentTermIndex Build(IReadOnlyList<Chunk> chunks) => new(chunks);

    /// <summary>How much a word of the document's title counts inside it: it names the document, not the fact.</summary>
    public const double TitleWeight = 0.3;

    /// <summary>
    /// The chunks holding any of <paramref name="terms"/> (stemmed), best first, at most
    /// <paramref name="limit"/>; words of <paramref name="title"/> count <see cref="TitleWeight"/>.
    /// </summary>
    public IReadOnlyList<ScoredChunkId> Search(IEnumerable<string> terms, IReadOnlySet<string> title, int limit)
    {
        var weights = terms.Distinct(StringComparer.Ordinal)
            .GroupBy(Conflate, StringComparer.Ordinal)
            .Where(g => _documentFrequency.ContainsKey(g.Key))
            .Select(g => (Term: g.Key, Idf: (g.All(title.Contains) ? TitleWeight : 1) * Math.Log(1 + (_ids.Length - _documentFrequency[g.Key] + 0.5) / (_documentFrequency[g.Key] + 0.5))))
            .ToArray();
        if (weights.Length == 0)
        {
            return [];
        }
        var scores = new double[_ids.Length];
        for (var i = 0; i < _ids.Length; i++)
        {
            foreach (var (term, idf) in weights)
            {
                if (_frequencies[i].TryGetValue(term, out var tf))
                {
                    scores[i] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * _lengths[i] / _averageLength));
                }
            }
        }
        // A heading or table caption cut off as a chunk of its own ("Table 2 Adverse Event
        // Severity Grading Scale", then "Severity") states nothing: the chunk it leads into, the
        // table or text under it, ranks with it.
        for (var i = 0; i < _ids.Length; i++)
        {
            if (_leadsIn[i] && scores[i] > 0)
            {
                var next = i + 1;
                while (next < _ids.Length && _leadsIn[next] && next - i < MaxLeadIn)
                {
                    next++;
                }
                if (next < _ids.Length)
                {
                    scores[next] = Math.Max(scores[next], scores[i]);
                }
            }
        }
        // Equal scores in chunk id order (ChunkOrder), whatever order the chunks were read in.
        var ranked = Enumerable.Range(0, _ids.Length).Where(i => scores[i] > 0)
            .Select(i => new ScoredChunkId(_ids[i], scores[i]))
            .ToArray();
        Array.Sort(ranked, ChunkOrder.Ranking);
        return ranked.Length <= limit ? ranked : ranked[..Math.Max(limit, 0)];
    }

    /// <summary>A chunk shorter than this many tokens (a heading, a caption) leads into the chunk after it.</summary>
    public const int LeadInTokens = 20;

    /// <summary>At most this many short chunks in a row lead into the next.</summary>
    public const int MaxLeadIn = 3;
}
