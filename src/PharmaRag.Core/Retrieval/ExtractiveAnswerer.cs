using System.Text;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Answers without a language model: picks the retrieved sentences that best cover the
/// question's terms (rarer terms weigh more, better-ranked chunks get a small prior) and cites
/// each with the page it was printed on.
/// </summary>
public sealed class ExtractiveAnswerer(IOptions<RetrievalOptions> options)
{
    public const string NothingFound = "No passage in the indexed documents answers this question.";

    private readonly int _maxSentences = options.Value.AnswerSentences;

    private sealed record Candidate(SearchHit Hit, int Rank, int Offset, string Text, HashSet<string> Terms);

    // A table chunk repeats its header row above a "| --- |" line: the header names columns but
    // states nothing, so it is never an answer (its rows, which carry the values, can be).
    private static bool IsTableHeader(string text, int end) =>
        text.AsSpan(end).TrimStart(' ').StartsWith("\n| ---", StringComparison.Ordinal);

    public (string Answer, IReadOnlyList<Citation> Citations) Answer(string question, IReadOnlyList<SearchHit> hits)
    {
        var questionTerms = TermAnalyzer.Terms(question).ToHashSet();
        var candidates = hits
            .SelectMany((hit, rank) => SentenceSplitter.Split(hit.Chunk.Text)
                .Where(s => s.Text.Length >= 12 && !IsTableHeader(hit.Chunk.Text, s.Start + s.Text.Length))
                .Select(s => new Candidate(hit, rank, s.Start, s.Text, TermAnalyzer.Terms(s.Text).ToHashSet())))
            .ToList();
        if (questionTerms.Count == 0 || candidates.Count == 0)
        {
            return (NothingFound, []);
        }

        // Inverse sentence frequency among the candidates: a term every sentence has says little.
        var weight = questionTerms.ToDictionary(
            t => t,
            t => Math.Log(1 + (double)candidates.Count / (1 + candidates.Count(c => c.Terms.Contains(t)))));
        var maxWeight = weight.Values.Sum();

        var scored = candidates
            .Select(c =>
            {
                var matched = questionTerms.Where(c.Terms.Contains).Sum(t => weight[t]);
                var lengthPenalty = 1 + Math.Max(0, c.Terms.Count - 40) / 80.0;
                var prior = 0.15 * maxWeight / (c.Rank + 1);
                return (Candidate: c, Matched: matched, Score: matched / lengthPenalty + prior);
            })
            .Where(x => x.Matched > 0)
            .OrderByDescending(x => x.Score)
            .ToList();
        if (scored.Count == 0)
        {
            return (NothingFound, []);
        }

        var best = scored[0].Score;
        var chosen = new List<Candidate>();
        foreach (var (candidate, _, score) in scored)
        {
            if (chosen.Count == _maxSentences || score < 0.5 * best)
            {
                break;
            }
            // Overlapping chunks repeat sentences; say each once.
            if (chosen.All(c => !string.Equals(c.Text, candidate.Text, StringComparison.Ordinal)))
            {
                chosen.Add(candidate);
            }
        }

        var answer = new StringBuilder();
        var citations = new List<Citation>();
        foreach (var c in chosen)
        {
            var page = c.Hit.Chunk.PageAt(c.Offset);
            citations.Add(new Citation(c.Hit.Chunk.DocumentId, c.Hit.FileName, page, c.Hit.Chunk.Id, c.Text));
            answer.Append(answer.Length > 0 ? " " : "")
                .Append(c.Text)
                .Append($" [{citations.Count}: {c.Hit.FileName}, p. {page}]");
        }
        return (answer.ToString(), citations);
    }
}
