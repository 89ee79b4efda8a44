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
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    private DocumentTermIndex(IReadOnlyList<Chunk> chunks)
    {
        _ids = new string[chunks.Count];
        _frequencies = new Dictionary<string, int>[chunks.Count];
        _lengths = new int[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            _ids[i] = chunks[i].Id;
            var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in Terms(chunks[i].SectionPath + "\n" + chunks[i].Text))
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
    }

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
        var scores = new List<ScoredChunkId>();
        for (var i = 0; i < _ids.Length; i++)
        {
            var score = 0.0;
            foreach (var (term, idf) in weights)
            {
                if (_frequencies[i].TryGetValue(term, out var tf))
                {
                    score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * _lengths[i] / _averageLength));
                }
            }
            if (score > 0)
            {
                scores.Add(new ScoredChunkId(_ids[i], score));
            }
        }
        return scores.OrderByDescending(s => s.Score).Take(limit).ToArray();
    }
}
