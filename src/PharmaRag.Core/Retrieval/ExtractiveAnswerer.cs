using System.Text;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Answers without a language model: picks the retrieved sentences and table rows that state what
/// the question asks, and cites each with the page it was printed on. A sentence is chosen by the
/// question's content words (rarer ones weigh more), not by the words that name the drug or study:
/// those are satisfied by the document, whose chunks all carry them. Sections whose heading the
/// question names weigh more; a question asking for a number prefers sentences that give one; a
/// question asking for a list gets the whole list. An answer quotes one document only.
/// </summary>
public sealed partial class ExtractiveAnswerer(IOptions<RetrievalOptions> options)
{
    public const string NothingFound = "No passage in the indexed documents answers this question.";

    /// <summary>At most this many items of a list are quoted (contraindications, criteria).</summary>
    public const int MaxListItems = 12;

    private readonly int _maxSentences = options.Value.AnswerSentences;

    private sealed record Candidate(SearchHit Hit, int Rank, int Index, int Offset, string Text, HashSet<string> Terms)
    {
        public bool IsRow => TableRowStatement.IsRow(Text);
    }

    // A table chunk repeats its header row above a "| --- |" line: the header names columns but
    // states nothing, so it is never an answer (its rows, which carry the values, can be).
    private static bool IsTableHeader(string text, int end) =>
        text.AsSpan(end).TrimStart(' ').StartsWith("\n| ---", StringComparison.Ordinal);

    // Table-of-contents lines ("2.2 Recommended Dosage ........ 4", "3 DOSAGE FORMS 4 CONTRAINDICATIONS")
    // and everything under a contents heading name topics but state nothing.
    private static bool IsContentsLine(string sentence) =>
        sentence.Contains("....", StringComparison.Ordinal) || sentence.Contains(". . . .", StringComparison.Ordinal)
        || NumberedHeading().Count(sentence) >= 2;

    private static bool InContents(SearchHit hit) =>
        hit.Chunk.SectionPath is { } path && path.Contains("CONTENTS", StringComparison.OrdinalIgnoreCase);

    // Questions that ask for a whole section's list by what it is ("what are the" alone asks for anything).
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(contraindicat\w*|who should not|should not (take|use|be)|not be used|criteria|list (the|all))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SectionCue();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d+(\.\d+)*\s+[A-Z][A-Z ,/&-]{5,}")]
    private static partial System.Text.RegularExpressions.Regex NumberedHeading();

    public (string Answer, IReadOnlyList<Citation> Citations) Answer(string question, IReadOnlyList<SearchHit> hits)
    {
        var focus = QuestionFocus.Of(question);
        var candidates = hits
            .Where(hit => !InContents(hit))
            .SelectMany((hit, rank) => ChunkSentences.Of(hit.Chunk)
                .Select((s, index) => (s, index))
                .Where(x => x.s.Text.Length >= 4 && !IsTableHeader(hit.Chunk.Text, x.s.Start + x.s.Text.Length) && !IsContentsLine(x.s.Text))
                .Select(x => new Candidate(hit, rank, x.index, x.s.Start, x.s.Text, x.s.Terms)))
            .Where(c => c.Text.Length >= 12 || c.IsRow)
            .ToList();
        if (focus.Terms.Count == 0 || candidates.Count == 0)
        {
            return (NothingFound, []);
        }

        // Words that name a document (its file name and title words) are credited to all of its
        // chunks alike; only the other question words choose the sentence inside it.
        var identities = hits.GroupBy(h => h.Chunk.DocumentId).ToDictionary(g => g.Key, g => DocumentIdentity.Of(g));
        // A word in the identity of most retrieved documents ("tablets") names none of them, nor
        // does one that the retrieved text of other documents uses ("patients" in a protocol's
        // title and in every label's sentences).
        var users = focus.Terms.ToDictionary(
            t => t,
            t => hits.Where(h => ChunkSentences.TermsOf(h.Chunk).Contains(t)).Select(h => h.Chunk.DocumentId).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var names = NameWords.Of(question);
        var naming = identities.ToDictionary(
            d => d.Key,
            d => focus.Terms.Where(t => names.Contains(t) && d.Value.Contains(t)
                    && identities.Values.Count(i => i.Contains(t)) <= Math.Max(1, identities.Count / 3)
                    && users[t].Count(u => u != d.Key) <= 1)
                .ToHashSet(StringComparer.Ordinal));
        // A question that names a document is answered from it: another label's sentences never join.
        var mostNamed = naming.Values.Max(n => n.Count);
        if (mostNamed > 0)
        {
            candidates = candidates.Where(c => naming[c.Hit.Chunk.DocumentId].Count == mostNamed).ToList();
        }
        // Inverse sentence frequency among the candidates: a term every sentence has says little.
        var weight = focus.Terms.ToDictionary(
            t => t,
            t => Math.Log(1 + (double)candidates.Count / (1 + candidates.Count(c => c.Terms.Contains(t)))));
        var maxWeight = weight.Values.Sum();

        var scored = candidates
            .Select(c => (Candidate: c, Score: Score(c, focus, naming[c.Hit.Chunk.DocumentId], identities[c.Hit.Chunk.DocumentId], weight, maxWeight)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ToList();
        if (scored.Count == 0)
        {
            return (NothingFound, []);
        }

        var best = scored[0];
        // One document per answer: sentences of other labels never join an answer about this one.
        var sameDocument = scored.Where(x => x.Candidate.Hit.Chunk.DocumentId == best.Candidate.Hit.Chunk.DocumentId).ToList();
        var sectionList = focus.WantsList && SectionCue().IsMatch(question) ? SectionList(candidates, focus, naming) : null;
        var chosen = sectionList
            ?? (focus.WantsList && !best.Candidate.IsRow
                ? ListFrom(best.Candidate, candidates)
                : sameDocument.TakeWhile(x => x.Score >= 0.5 * best.Score).Select(x => x.Candidate).ToList());
        chosen = chosen.DistinctBy(c => c.Text, StringComparer.Ordinal).Take(focus.WantsList ? MaxListItems : _maxSentences).ToList();

        var answer = new StringBuilder();
        var citations = new List<Citation>();
        foreach (var c in chosen)
        {
            var page = c.Hit.Chunk.PageAt(c.Offset);
            citations.Add(new Citation(c.Hit.Chunk.DocumentId, c.Hit.FileName, page, c.Hit.Chunk.Id, c.Text));
            var statement = c.IsRow ? TableRowStatement.State(c.Text, TableRowStatement.Headers(c.Hit.Chunk.Text), focus.Terms) + "." : c.Text;
            answer.Append(answer.Length > 0 ? " " : "")
                .Append(statement)
                .Append($" [{citations.Count}: {c.Hit.FileName}, p. {page}]");
        }
        return (answer.ToString(), citations);
    }

    private static double Score(
        Candidate c, QuestionFocus focus, HashSet<string> naming, HashSet<string> identity, Dictionary<string, double> weight, double maxWeight)
    {
        var content = focus.Terms.Where(t => !naming.Contains(t)).ToArray();
        var headings = c.IsRow
            ? TableRowStatement.Headers(c.Hit.Chunk.Text).SelectMany(h => h).SelectMany(TermAnalyzer.Terms).ToHashSet(StringComparer.Ordinal)
            : [];
        var matched = SentenceMatch.Score(c.Text, c.Terms, headings, content, weight, focus, naming.Count > 0 ? identity : []);
        if (matched == 0 && !(content.Length == 0 && naming.Overlaps(c.Terms)))
        {
            return 0;
        }
        var section = c.Hit.Chunk.SectionPath is { } path ? TermAnalyzer.Terms(path).ToHashSet(StringComparer.Ordinal) : [];
        var sectionBonus = 0.5 * content.Where(section.Contains).Sum(t => weight[t]);
        var documentBonus = 0.25 * naming.Sum(t => weight[t]);
        var lengthPenalty = 1 + Math.Max(0, c.Terms.Count - 40) / 80.0;
        var prior = 0.15 * maxWeight / (c.Rank + 1);
        var score = (matched + sectionBonus) / lengthPenalty + documentBonus + prior;
        // A heading ("2.2 Recommended Dosage in Adults") names the topic but does not state it.
        if (!c.IsRow && c.Terms.Count <= 8 && !c.Text.TrimEnd().EndsWith('.') && !c.Text.Contains(':'))
        {
            score *= 0.5;
        }
        return score;
    }

    // A list asked for by its section's name ("What are the contraindications?", "Who should not
    // take it?") is the section itself: the items under a heading such as CONTRAINDICATIONS rarely
    // repeat the heading's word, so no single item matches the question. The first retrieved chunk
    // under such a heading is quoted from its start, every item kept.
    private static List<Candidate>? SectionList(List<Candidate> candidates, QuestionFocus focus, Dictionary<string, HashSet<string>> naming)
    {
        // A chunk that is only the heading has no items: the next chunk under such a heading is read.
        // The list ends at the next heading (WARNINGS AND PRECAUTIONS after CONTRAINDICATIONS).
        return candidates
            .Where(c => !c.IsRow && c.Hit.Chunk.SectionPath is { } path
                && HeadingNamesFocus(path, focus.Terms.Where(t => !naming[c.Hit.Chunk.DocumentId].Contains(t)).ToHashSet(StringComparer.Ordinal)))
            .GroupBy(c => c.Rank)
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(c => c.Index).SkipWhile(c => IsHeading(c.Text)).TakeWhile(c => !IsHeading(c.Text)).Take(MaxListItems).ToList())
            .FirstOrDefault(items => items.Count > 0);
    }

    // A heading of a few words (numbering aside) that the question's content words name.
    private static bool HeadingNamesFocus(string path, HashSet<string> content) =>
        path.Split(" > ").Any(heading =>
        {
            var terms = TermAnalyzer.Terms(heading).Where(t => !t.All(char.IsDigit)).ToArray();
            return terms.Length is > 0 and <= 3 && terms.Count(content.Contains) * 2 >= terms.Length;
        });

    // A list answer is the best item and the items that follow it in the same chunk, up to the
    // next heading: every contraindication, not only the first.
    private static List<Candidate> ListFrom(Candidate first, List<Candidate> candidates)
    {
        var list = new List<Candidate> { first };
        foreach (var next in candidates.Where(c => c.Hit == first.Hit && c.Index > first.Index).OrderBy(c => c.Index))
        {
            if (list.Count == MaxListItems || IsHeading(next.Text))
            {
                break;
            }
            list.Add(next);
        }
        return list;
    }

    private static bool IsHeading(string sentence) =>
        sentence.Length < 80 && sentence.Any(char.IsLetter) && sentence.Where(char.IsLetter).All(char.IsUpper);
}
