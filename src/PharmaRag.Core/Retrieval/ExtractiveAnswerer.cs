using System.Text;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Ingestion;
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

        /// <summary>The line this item completes ("The chance is higher if you:"), when it is one of a list's items.</summary>
        public Candidate? Lead { get; init; }

        /// <summary>The heading this sentence is the only statement of, read with it but quoted alone.</summary>
        public Candidate? Label { get; init; }

        /// <summary>For a table row, its table read as a whole (headers, merged labels, abbreviations).</summary>
        public TableLayout? Table { get; init; }
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

    // A reference list names papers ("Choules MP, Zuo P, Otsuka Y, ... enfortumab vedotin."): it
    // holds the question's words in their titles and states nothing the document found.
    private static bool InReferences(SearchHit hit) =>
        hit.Chunk.SectionPath is { } path && path.Split(" > ")[^1].Trim().Equals("REFERENCES", StringComparison.OrdinalIgnoreCase);

    // A paper's keyword list ("Non-small cell lung cancer (NSCLC); ... MET amplification; C797S
    // mutation") names every topic the paper treats and so holds many of a question's words, but
    // states nothing about any of them.
    private static bool InKeywords(SearchHit hit) =>
        hit.Chunk.SectionPath is { } path && KeywordsHeading().IsMatch(path.Split(" > ")[^1].Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"^key\s?words:?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex KeywordsHeading();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d+\.\s*|\[\d+\]\s*)?\p{Lu}[\p{L}'’-]+(\s\p{Lu}[\p{L}'’-]+)?\s\p{Lu}{1,3},\s\p{Lu}[\p{L}'’-]+(\s\p{Lu}[\p{L}'’-]+)?\s\p{Lu}{1,3}\b")]
    private static partial System.Text.RegularExpressions.Regex ReferenceEntry();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bbox(ed)? warnings?\b|\bblack[- ]box\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BoxedCue();

    /// <summary>How much more a sentence counts that recommends (avoid, do not, not recommended) when the question asks whether.</summary>
    public const double RecommendationBonus = 1.25;

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(avoid|do not|should not|must not|never|not recommended|is recommended|are recommended|contraindicated)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Recommendation();

    /// <summary>A word of at least this many letters counts for the question's word it begins or that begins it.</summary>
    public const int MinSharedStem = 7;

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["twelve"] = "12",
    };

    // "contraindicated" and "contraindications" stem apart ("contraindicat", "contraindication"):
    // a long word counts for the question's word that it begins, or that begins it; a number
    // spelled out counts for its digits.
    private static IReadOnlySet<string> WithWordForms(IReadOnlySet<string> terms, IReadOnlyCollection<string> content, IReadOnlySet<string> participles)
    {
        HashSet<string>? forms = null;
        foreach (var asked in content)
        {
            // "After one year" is "At the end of 1 year".
            var spelled = NumberWords.TryGetValue(asked, out var digits) && terms.Contains(digits);
            // The stemmer cuts "-ed" after a silent e ("stored": stor) and keeps the base form
            // ("Store": store); "shaken", "given" are "shake", "give".
            var baseForm = participles.Contains(asked)
                && (terms.Contains(asked + "e") || asked.EndsWith("en", StringComparison.Ordinal) && terms.Contains(asked[..^1]));
            if (!terms.Contains(asked) && (spelled || baseForm || asked.Length >= MinSharedStem
                && terms.Any(t => t.Length >= MinSharedStem && (asked.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(asked, StringComparison.Ordinal)))))
            {
                (forms ??= new HashSet<string>(terms, StringComparer.Ordinal)).Add(asked);
            }
        }
        return forms ?? terms;
    }

    /// <summary>How much more a sentence counts that gives a range of numbers when the question asks for a range.</summary>
    public const double RangeBonus = 1.5;

    [System.Text.RegularExpressions.GeneratedRegex(@"\d(?:[\d.,]*\d)?\s*(?:[a-zA-Z/%]+\s*)?(?:-|–|to)\s*\d")]
    private static partial System.Text.RegularExpressions.Regex NumberRange();

    /// <summary>How much more a numbered list item counts when the question asks who may take part.</summary>
    public const double CriterionItemBonus = 1.5;

    // A numbered item: "[15] A history of syncope ...", or a line after its number ("6. Uncontrolled
    // hypertension ...", "14. Women who are lactating ..."), whose number the sentence splitter leaves behind.
    private static bool IsNumberedItem(Candidate c)
    {
        if (ItemNumber().IsMatch(c.Text))
        {
            return true;
        }
        var text = c.Hit.Chunk.Text;
        var lineStart = c.Offset == 0 ? 0 : text.LastIndexOf('\n', c.Offset - 1) + 1;
        return ItemNumber().IsMatch(text[lineStart..c.Offset].Trim() + " ");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\[\d{1,2}[a-z]?\]|\d{1,2}[.)]|[a-z][.)])\s")]
    private static partial System.Text.RegularExpressions.Regex ItemNumber();

    /// <summary>The weight left to a sentence that says "not" of what the question asks about, when the question does not.</summary>
    public const double NegatedCase = 0.8;

    // "not" or "no" with one of the question's content words among the few words after it.
    private static bool NegatesAsked(string sentence, IReadOnlyCollection<string> content)
    {
        foreach (System.Text.RegularExpressions.Match negation in Negation().Matches(sentence))
        {
            var after = sentence.AsSpan(negation.Index + negation.Length);
            var scope = TermAnalyzer.Words(after[..Math.Min(after.Length, 60)].ToString()).Take(NegationScope).Select(TermAnalyzer.Stem);
            if (scope.Any(content.Contains))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>How many words after "not" it negates.</summary>
    public const int NegationScope = 6;

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(not|no|without)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Negation();

    // The "1" of "ACTT-1" names no document by itself, though a title may hold it; a study number such as 19766 does.
    private static bool IsBareNumber(string term) => term.Length < 3 && term.All(char.IsDigit);

    // Questions that ask for a whole section's list by what it is ("what are the" alone asks for anything).
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(contraindicat\w*|who should not|should not (take|use|be)|not be used|criteria|list (the|all))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SectionCue();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Table|Figure|Fig\.)\s+[\dA-Z][\w.–-]*[:.]?\s")]
    private static partial System.Text.RegularExpressions.Regex Caption();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d+(\.\d+)*\s+[A-Z][A-Z ,/&-]{5,}")]
    private static partial System.Text.RegularExpressions.Regex NumberedHeading();

    public (string Answer, IReadOnlyList<Citation> Citations) Answer(string question, IReadOnlyList<SearchHit> hits)
    {
        var focus = QuestionFocus.Of(question);
        // A table's footnote ("RR=Relative risk") may be in the chunk after the table's.
        var definitions = hits.GroupBy(h => h.Chunk.DocumentId).ToDictionary(
            g => g.Key,
            g => g.SelectMany(h => TableLayout.Definitions(h.Chunk.Text)).DistinctBy(d => d.Key).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));
        var kept = hits.Where(hit => !InContents(hit) && !InReferences(hit) && !InKeywords(hit)).ToList();
        var layouts = kept.Distinct().Where(h => ChunkSentences.Of(h.Chunk).Any(s => TableRowStatement.IsRow(s.Text)))
            .ToDictionary(h => h, h => TableLayout.Of(h.Chunk.Text).With(definitions[h.Chunk.DocumentId]));
        // A table's part that starts on a new page without its header reads under the header of
        // another retrieved part of the same table (same document, section and columns).
        layouts = layouts.ToDictionary(l => l.Key, l => l.Value.OrHeadersOf(layouts
            .Where(o => o.Key.Chunk.DocumentId == l.Key.Chunk.DocumentId && o.Key.Chunk.SectionPath == l.Key.Chunk.SectionPath)
            .Select(o => o.Value)));
        // A sentence using one side of an acronym its document defines holds the side the question
        // spells, as in the second stage (a row saying "CRU" is about the clinical research unit).
        var equivalents = AcronymEquivalents.Of(question, hits);
        var candidates = kept
            .SelectMany((hit, rank) => CandidatesOf(hit, rank, layouts.GetValueOrDefault(hit), equivalents))
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
        var firstRank = hits.Select((h, rank) => (h.Chunk.DocumentId, rank)).GroupBy(x => x.DocumentId).ToDictionary(g => g.Key, g => g.Min(x => x.rank), StringComparer.Ordinal);
        // A word in one document's title that a better-ranked document's text also uses ("NSAID" in
        // an ibuprofen label's title and in a protocol's concomitant-therapy rules) names neither:
        // the question may be about the other document.
        var naming = identities.ToDictionary(
            d => d.Key,
            d => focus.Terms.Where(t => names.Contains(t) && d.Value.Contains(t) && !IsBareNumber(t)
                    && identities.Values.Count(i => i.Contains(t)) <= Math.Max(1, identities.Count / 3)
                    && users[t].Count(u => u != d.Key) <= 1
                    && !users[t].Any(u => u != d.Key && !identities[u].Contains(t) && firstRank[u] < firstRank[d.Key]))
                .ToHashSet(StringComparer.Ordinal));
        // A question that names a document is answered from it: another label's sentences never join.
        var mostNamed = naming.Values.Max(n => n.Count);
        if (mostNamed > 0)
        {
            candidates = candidates.Where(c => naming[c.Hit.Chunk.DocumentId].Count == mostNamed).ToList();
        }
        else if (focus.Terms.Where(t => names.Contains(t) && !IsBareNumber(t) && users[t].Count == 1).Select(t => users[t].First()).Distinct().ToArray() is [var mentioning]
            && candidates.Any(c => c.Hit.Chunk.DocumentId == mentioning))
        {
            // A study or drug the question names ("WARIS II") that only one document's retrieved
            // text mentions, though no title holds it: the answer comes from that document.
            candidates = candidates.Where(c => c.Hit.Chunk.DocumentId == mentioning).ToList();
        }
        // Inverse sentence frequency among the candidates: a term every sentence has says little.
        var weight = focus.Terms.ToDictionary(
            t => t,
            t => Math.Log(1 + (double)candidates.Count / (1 + candidates.Count(c => c.Terms.Contains(t)))));
        var maxWeight = weight.Values.Sum();

        var scored = candidates
            .Select(c => (Candidate: c, Score: Score(c, focus, naming[c.Hit.Chunk.DocumentId], identities[c.Hit.Chunk.DocumentId], weight, maxWeight)))
            .Where(x => x.Score > 0)
            .ToList();
        scored = OtherRowsMarkedDown(scored, focus, naming)
            .OrderByDescending(x => x.Score)
            .ToList();
        if (scored.Count == 0)
        {
            return (NothingFound, []);
        }

        var best = scored[0];
        // One document per answer: sentences of other labels never join an answer about this one.
        var sameDocument = scored.Where(x => x.Candidate.Hit.Chunk.DocumentId == best.Candidate.Hit.Chunk.DocumentId).ToList();
        var sectionList = BoxedCue().IsMatch(question) ? BoxedWarning(candidates, _maxSentences + 2)
            : focus.WantsList && SectionCue().IsMatch(question) ? SectionList(candidates, focus, naming) : null;
        var chosen = sectionList
            ?? (focus.WantsList && !best.Candidate.IsRow
                ? ListFrom(best.Candidate, candidates)
                : sameDocument.TakeWhile(x => x.Score >= 0.5 * best.Score).Select(x => x.Candidate).ToList());
        if (sectionList is null && !focus.WantsList)
        {
            chosen = chosen.Select(c => PrescribingRestatement(c, sameDocument, focus) ?? c).Distinct().ToList();
        }
        // A sentence printed twice (the highlights and the full text) is said once, citing both pages.
        var printed = chosen.GroupBy(c => Reference().Replace(c.Text, ""), StringComparer.Ordinal).ToDictionary(g => g.First(), g => g.Skip(1).ToArray());
        chosen = printed.Keys.Take(focus.WantsList || sectionList is not null ? MaxListItems : _maxSentences).ToList();
        var quotes = sectionList is null && !focus.WantsList ? Quotes(chosen, candidates, focus, Besides(question)) : chosen.Select(c => Quote(c, focus)).ToList();

        var answer = new StringBuilder();
        var citations = new List<Citation>();
        foreach (var q in quotes)
        {
            answer.Append(answer.Length > 0 ? " " : "").Append(q.Statement).Append(' ');
            var cited = new HashSet<int>();
            foreach (var (source, page, text) in printed.GetValueOrDefault(q.Source, []).Select(c => (c, c.Hit.Chunk.PageAt(c.Offset), c.Text)).Prepend((q.Source, q.Page, q.CitedText)))
            {
                if (source.Hit.Chunk.DocumentId == q.Source.Hit.Chunk.DocumentId && cited.Add(page))
                {
                    citations.Add(new Citation(source.Hit.Chunk.DocumentId, source.Hit.FileName, page, source.Hit.Chunk.Id, text));
                    answer.Append($"[{citations.Count}: {source.Hit.FileName}, p. {page}]");
                }
            }
        }
        return (answer.ToString(), citations);
    }

    // The chunk's sentences that can state something, each read with what completes it: a list
    // item with the line that leads into it ("Stop use and ask a doctor if" / "fever gets worse or
    // lasts more than 3 days"), a table row with its table.
    private static IEnumerable<Candidate> CandidatesOf(SearchHit hit, int rank, TableLayout? table, AcronymEquivalents equivalents)
    {
        var sentences = ChunkSentences.Of(hit.Chunk);
        Candidate? lead = null;
        Candidate? previous = null;
        for (var index = 0; index < sentences.Count; index++)
        {
            var s = sentences[index];
            var isRow = TableRowStatement.IsRow(s.Text);
            if (s.Text.Length < 4 || IsContentsLine(s.Text) || ReferenceEntry().IsMatch(s.Text) || s.Text.StartsWith(TableChunker.GlossaryLead, StringComparison.Ordinal)
                || isRow && !table!.StatesValues(s.Start) && (IsTableHeader(hit.Chunk.Text, s.Start + s.Text.Length) || table.IsHeaderRow(s.Start) || IsGroupLabel(s.Text)))
            {
                continue;
            }
            var item = lead is not null && !isRow && index - lead.Index <= MaxListItems && IsItem(s.Text);
            // A heading whose section holds one short statement is a label and that statement its
            // value ("Sensitive substrates of CYP3A4 with a narrow therapeutic index" / "Alfentanil,
            // colchicine, fentanyl, pimozide."): the statement is read with the heading's words.
            var value = lead is not null && !isRow && !item && index == lead.Index + 1 && index == sentences.Count - 1 && s.Text.Length <= ShortItem;
            // "Signs and symptoms may include hypotension, tachycardia, ...": a list whose subject is
            // the topic of the sentence before it (the reaction it names) is read with that sentence's words.
            var topic = !isRow && !item && !value && previous is not null && !previous.IsRow && !IsHeading(previous.Text)
                && Enumeration().Match(s.Text) is { Success: true } listed && s.Text[(listed.Index + listed.Length)..].Count(ch => ch == ',') >= MinEnumerated - 1;
            var candidate = new Candidate(hit, rank, index, s.Start, s.Text, equivalents.Widen(hit.Chunk.DocumentId, s.Terms))
            {
                Table = isRow ? table : null, Lead = item ? lead : null, Label = value ? lead : topic ? previous : null,
            };
            previous = candidate;
            yield return candidate;
            // A list's items follow its heading one after another: a paragraph or a table ends it.
            if (isRow || IsHeading(s.Text) || lead is not null && !item)
            {
                lead = null;
            }
            if (!isRow && index == 0 && IsChunkHeading(hit.Chunk, s.Text))
            {
                lead = candidate;
            }
        }
    }

    /// <summary>A sentence listing at least this many items after "include" or "such as" enumerates its subject.</summary>
    public const int MinEnumerated = 3;

    // A short subject, then the cue that starts its list.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\p{Lu}[\p{L}\s,-]{0,40}?\b(?:may include|can include|include|includes|such as)\b:?")]
    private static partial System.Text.RegularExpressions.Regex Enumeration();

    // A row with a label and no value ("| Study Procedures |  |  |") heads the rows of its group: it
    // states nothing itself (its rows are read with it as their label).
    private static bool IsGroupLabel(string row) => TableRowStatement.Cells(row) is { Length: >= 2 } cells && cells.Skip(1).All(c => c.Length == 0);

    /// <summary>An item under a heading is read with it when it is no longer than this: a list's item, not a paragraph.</summary>
    public const int ShortItem = 100;

    // A list's item is short and no sentence of its own: it starts in lower case ("fever gets
    // worse", "are age 60 or older") or has no full stop ("Ibuprofen 200 mg (NSAID)*").
    private static bool IsItem(string text) =>
        text.Length <= ShortItem && (char.IsLower(text[0]) || !text.TrimEnd().EndsWith('.'));

    // The line a chunk starts with is its heading when the chunk's section path ends with it
    // ("Active ingredient (in each tablet or capsule)"), unless it is a sentence of its own.
    private static bool IsChunkHeading(Chunk chunk, string line) =>
        !line.EndsWith('.') && chunk.SectionPath is { } path
        && path.Split(" > ")[^1].Trim().Equals(line.Trim(), StringComparison.OrdinalIgnoreCase);

    private static double Score(
        Candidate c, QuestionFocus focus, HashSet<string> naming, HashSet<string> identity, Dictionary<string, double> weight, double maxWeight)
    {
        // "What type of enzyme ...?": "type" asks for the kind; a sentence saying "cell type" does not give it.
        var content = focus.Terms.Where(t => !naming.Contains(t) && !focus.KindCueWords.Contains(t)).ToArray();
        if (!focus.AsksMeaning && AcronymDefinitions.IsAbbreviationEntry(c.Text))
        {
            // "| NSAID | Nonsteroidal anti-inflammatory drug |" and "Abbreviations: CRU = clinical
            // research unit; ..." hold the question's words (and the acronyms its words add) and
            // state nothing, unless the question asks what an abbreviation stands for.
            return 0;
        }
        var (text, read, headings) = Read(c);
        var terms = WithWordForms(read, content, focus.Participles);
        // A sentence giving the asked quantity ("Adults aged 18 to 75 years with ... syndrome") states
        // the fact even when most of its words are the title's.
        var matched = SentenceMatch.Score(text, terms, headings, content, weight, focus, naming.Count > 0 && !focus.StatesAskedQuantity(text) ? identity : []);
        if (matched == 0 && !(content.Length == 0 && naming.Overlaps(terms)))
        {
            return 0;
        }
        var section = c.Hit.Chunk.SectionPath is { } path ? TermAnalyzer.Terms(path).ToHashSet(StringComparer.Ordinal) : [];
        var sectionBonus = 0.5 * content.Where(section.Contains).Sum(t => weight[t]);
        var documentBonus = 0.25 * naming.Sum(t => weight[t]);
        // A long sentence holds many words by chance; a table row's length is its cells.
        var lengthPenalty = c.IsRow ? 1 : 1 + Math.Max(0, c.Terms.Count - 40) / 80.0;
        var prior = 0.15 * maxWeight / (c.Rank + 1);
        var score = (matched + sectionBonus) / lengthPenalty + documentBonus + prior;
        if (focus.WantsRange && NumberRange().IsMatch(text))
        {
            // "What is the usual daily dose range?": "750-1750 mg/day".
            score *= RangeBonus;
        }
        if (!c.IsRow && focus.Negates is null && !focus.AsksEligibility && Recommendation().IsMatch(c.Text))
        {
            // "Should it be used in ...?" asks for the recommendation ("Avoid ciprofloxacin in patients with ...");
            // "Can a patient who ... join?" asks for a criterion, not for what is recommended during the study.
            score *= RecommendationBonus;
        }
        if (!c.IsRow && focus.AsksEligibility && IsNumberedItem(c))
        {
            // "What blood pressure excludes a patient?" is answered by a criterion ("6. Uncontrolled
            // hypertension (systolic blood pressure ≥ 160 mmHg ...)"), not by how blood pressure is measured.
            score *= CriterionItemBonus;
        }
        if (!c.IsRow && focus.Negates is false && NegatesAsked(c.Text, content))
        {
            // "For patients not requiring ventilation or ECMO, ... 5 days" answers the other case.
            score *= NegatedCase;
        }
        // A heading ("2.2 Recommended Dosage in Adults") names the topic but does not state it (a
        // list item under a heading is no heading, though it has no full stop either).
        if (!c.IsRow && c.Lead is null && c.Terms.Count <= 8 && !c.Text.TrimEnd().EndsWith('.') && !c.Text.Contains(':'))
        {
            score *= 0.5;
        }
        // So does a table's or figure's title ("Table 15: Clinical Success and Bacteriologic Eradication at Test of Cure").
        else if (!c.IsRow && Caption().IsMatch(c.Text))
        {
            score *= 0.5;
        }
        return score;
    }

    /// <summary>A prescribing sentence restates a leaflet's when it holds at least this share of the leaflet sentence's words.</summary>
    public const double RestatementCover = 0.5;

    // The patient leaflet (Patient Information, a Medication Guide, "What should I avoid while
    // taking ...?") restates for the patient, on a page of its own, a number the prescribing text
    // states for the prescriber ("Avoid drinking more than 1.2 liters of grapefruit juice each day"
    // for "Concomitant intake of ... more than 1.2 liters daily, of grapefruit juice is not
    // recommended"), and restates its advice in the reader's words ("The dose of your sulfonylurea
    // medicine or insulin may need to be lowered" for "... may require a lower dose of insulin or
    // insulin secretagogue"). A pharmacist checks the prescribing page: when a retrieved sentence
    // outside the leaflet gives every number the leaflet sentence gives (if it gives any) and holds
    // most of its words, that sentence is quoted in its place. Null when there is none.
    private static Candidate? PrescribingRestatement(Candidate c, List<(Candidate Candidate, double Score)> scored, QuestionFocus focus)
    {
        if (c.IsRow || !ForPatients(c) || c.Terms.Count == 0)
        {
            return null;
        }
        var numbers = SentenceMatch.Number().Matches(c.Text).Select(m => m.Value).Where(n => !focus.Numbers.Contains(n)).ToHashSet(StringComparer.Ordinal);
        return scored
            .Where(x => !x.Candidate.IsRow && x.Candidate.Hit.Chunk.DocumentId == c.Hit.Chunk.DocumentId && !ForPatients(x.Candidate)
                && numbers.IsSubsetOf(SentenceMatch.Number().Matches(x.Candidate.Text).Select(m => m.Value)))
            .Select(x => (x.Candidate, x.Score, Cover: (double)c.Terms.Count(x.Candidate.Terms.Contains) / c.Terms.Count))
            .Where(x => x.Cover >= RestatementCover)
            .OrderByDescending(x => x.Cover)
            .ThenByDescending(x => x.Score)
            .Select(x => x.Candidate)
            .FirstOrDefault();
    }

    // A sentence of the patient leaflet: under a Patient Information, Medication Guide or
    // Instructions for Use heading, or a heading asked as the patient ("What should I avoid ...?"),
    // or addressed to the reader ("you", "your").
    private static bool ForPatients(Candidate c) =>
        PatientAddressed().IsMatch(c.Text) || c.Hit.Chunk.SectionPath is { } path && PatientSection().IsMatch(path);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(you|your)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PatientAddressed();

    [System.Text.RegularExpressions.GeneratedRegex(@"PATIENT INFORMATION|MEDICATION GUIDE|INSTRUCTIONS FOR USE|\bI\b")]
    private static partial System.Text.RegularExpressions.Regex PatientSection();

    /// <summary>The weight left to a table row whose label names fewer of the question's words than another row's label does.</summary>
    public const double OtherRow = 0.3;

    // A table lookup names its row by the row's label: "the approved indication of tisotumab
    // vedotin" names the "Tisotumab Vedotin" row, and "Polatuzumab Vedotin" shares only the word
    // that several rows share; "the dosage formulation" names the "Dosage Formulation" row, not
    // "Dosage Levels". A row whose label holds only part of what another row's label holds of the
    // question's words is another row, however well its column headings or its number match (a
    // label holding none of them, such as "Intervention:", may head a row the question names otherwise).
    private static List<(Candidate Candidate, double Score)> OtherRowsMarkedDown(
        List<(Candidate Candidate, double Score)> scored, QuestionFocus focus, Dictionary<string, HashSet<string>> naming)
    {
        var labels = scored.Where(x => x.Candidate.IsRow)
            .Select(x => x.Candidate)
            .Distinct()
            .ToDictionary(c => c, c => LabelTerms(c).Where(t => focus.Terms.Contains(t) && !naming[c.Hit.Chunk.DocumentId].Contains(t)).ToHashSet(StringComparer.Ordinal));
        if (labels.Count < 2)
        {
            return scored;
        }
        return scored.Select(x => x.Candidate.IsRow && labels.Any(o => o.Key.Hit.Chunk.DocumentId == x.Candidate.Hit.Chunk.DocumentId
                && labels[x.Candidate].Count > 0 && labels[x.Candidate].IsProperSubsetOf(o.Value))
            ? (x.Candidate, x.Score * OtherRow)
            : x).ToList();
    }

    // The words of a row's label: its first cell, or the label of its group when that cell is empty.
    private static IEnumerable<string> LabelTerms(Candidate row)
    {
        var label = TableRowStatement.Cells(row.Text)[0];
        label = label.Length == 0 ? row.Table?.LabelOf(row.Offset) ?? "" : label;
        return TermAnalyzer.Terms(label).Concat(TableLayout.LabelInitials(label));
    }

    // What a candidate says, read as its reader reads it: a list item with the words of the line
    // leading into it; a table row under all its headings (abbreviations spelled out), and with
    // the label of its group when its own label cell is empty.
    private static (string Text, IReadOnlySet<string> Terms, IReadOnlySet<string> Headings) Read(Candidate c)
    {
        if (c.IsRow && c.Table is { } table)
        {
            var cells = TableRowStatement.Cells(c.Text);
            var label = cells[0].Length == 0 ? table.LabelOf(c.Offset) : null;
            var text = label is null ? c.Text : $"| {label} | {string.Join(" | ", cells.Skip(1))} |";
            // A row is read under its table's title, which names what the table is about (the study, the measure).
            // Its abbreviations are read spelled out ("SCLC transformation" is a small cell lung cancer's).
            var terms = c.Terms.Concat(TermAnalyzer.Terms($"{label} {table.Caption} {table.SpelledOut(text)}")).Concat(TableLayout.LabelInitials(label ?? cells[0])).ToHashSet(StringComparer.Ordinal);
            // The label column's heading names the rows ("Adverse reaction"), not a value the question asks for;
            // nor, in a row of marks, a column the row leaves empty (a schedule's row is read under the visits it marks).
            var marks = cells.Skip(1).Where(cell => cell.Length > 0).DefaultIfEmpty("").All(TableLayout.IsMark);
            var headings = Enumerable.Range(1, Math.Max(0, cells.Length - 1)).Where(col => !marks || cells[col].Length > 0)
                .SelectMany(col => TermAnalyzer.Terms(table.Heading(col, cells))).ToHashSet(StringComparer.Ordinal);
            return (text, terms, headings);
        }
        if (c.IsRow)
        {
            return (c.Text, c.Terms, TableRowStatement.Headers(c.Hit.Chunk.Text).SelectMany(h => h).SelectMany(TermAnalyzer.Terms).ToHashSet(StringComparer.Ordinal));
        }
        return (c.Lead ?? c.Label) is { } lead
            ? (c.Text, c.Terms.Concat(lead.Terms).ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal))
            : (c.Text, c.Terms, new HashSet<string>(StringComparer.Ordinal));
    }

    // A list asked for by its section's name ("What are the contraindications?", "Who should not
    // take it?") is the section itself: the items under a heading such as CONTRAINDICATIONS rarely
    // repeat the heading's word, so no single item matches the question. The first retrieved chunk
    // under such a heading is quoted from its start, every item kept.
    private static List<Candidate>? SectionList(List<Candidate> candidates, QuestionFocus focus, Dictionary<string, HashSet<string>> naming)
    {
        // A chunk that is only the heading has no items: the next chunk under such a heading is read.
        // The list ends at the next heading (WARNINGS AND PRECAUTIONS after CONTRAINDICATIONS).
        // The section printed as a list (the highlights' items) says more than a paragraph of it:
        // the chunk with the most items comes first, and a section of one or two items (one long
        // sentence, a chunk cut short) is completed from the next chunk under such a heading.
        var sections = candidates
            .Where(c => !c.IsRow && c.Hit.Chunk.SectionPath is { } path
                && HeadingNamesFocus(path, focus.Terms.Where(t => !naming[c.Hit.Chunk.DocumentId].Contains(t)).ToHashSet(StringComparer.Ordinal)))
            .GroupBy(c => c.Rank)
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(c => c.Index).SkipWhile(c => IsHeading(c.Text)).TakeWhile(c => !IsHeading(c.Text)).Where(c => !IsPointer(c.Text)).Take(MaxListItems).ToList())
            .Where(items => items.Count > 0)
            .OrderByDescending(items => items.Count)
            .ToList();
        if (sections.Count == 0)
        {
            return null;
        }
        var list = new List<Candidate>(sections[0]);
        foreach (var more in sections.Skip(1))
        {
            if (list.Count >= ShortList || list.Count + more.Count > MaxListItems)
            {
                break;
            }
            list.AddRange(more);
        }
        return list;
    }

    /// <summary>A section list of fewer items than this is completed from the next chunk under a heading the question names.</summary>
    public const int ShortList = 3;

    // "See full prescribing information for complete boxed warning." points elsewhere and states nothing.
    private static bool IsPointer(string sentence) => sentence.StartsWith("See ", StringComparison.Ordinal);

    // A boxed warning is headed "WARNING: ..." in capitals, in the section path or in the chunk's text.
    private static bool IsBoxedHeading(string line) =>
        line.StartsWith("WARNING", StringComparison.Ordinal) && line.Where(char.IsLetter).All(char.IsUpper);

    // "What does the boxed warning say?" asks for the box: the statements under its heading, not
    // the sentences elsewhere that refer to it ("[see Boxed Warning]").
    private static List<Candidate>? BoxedWarning(List<Candidate> candidates, int max)
    {
        foreach (var chunk in candidates.Where(c => !c.IsRow).GroupBy(c => c.Rank).OrderBy(g => g.Key))
        {
            var sentences = chunk.OrderBy(c => c.Index).ToList();
            var underPath = sentences[0].Hit.Chunk.SectionPath is { } path && path.Split(" > ").Any(IsBoxedHeading);
            var heading = sentences.FindIndex(c => IsBoxedHeading(c.Text));
            if (!underPath && heading < 0)
            {
                continue;
            }
            var items = sentences.Skip(heading + 1)
                .SkipWhile(c => IsHeading(c.Text))
                .TakeWhile(c => !IsHeading(c.Text) && !IsBoxedHeading(c.Text))
                .Where(c => !IsPointer(c.Text))
                .Take(max)
                .ToList();
            if (items.Count > 0)
            {
                // The box's title ("WARNING: LACTIC ACIDOSIS") names the risk: it is said first.
                var title = heading >= 0 ? sentences[heading] : sentences.FirstOrDefault(c => IsBoxedHeading(c.Text));
                return title is null ? items : [title, .. items];
            }
        }
        return null;
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

    /// <summary>One cited piece of an answer: what it says, and the text printed on its page that it quotes.</summary>
    private sealed record Quoted(Candidate Source, int Page, string Statement, string CitedText);

    private static Quoted Quote(Candidate c, QuestionFocus focus)
    {
        // A section reference printed before a sentence belongs to the one before it ("(4) Malignant hypertension.").
        var statement = !c.IsRow ? LeadingReference().Replace(c.Text, "")
            : (c.Table is { } table
                ? TableRowStatement.State(c.Text, table, table.LabelOf(c.Offset), focus.Terms)
                : TableRowStatement.State(c.Text, TableRowStatement.Headers(c.Hit.Chunk.Text), focus.Terms)) + ".";
        if (c.IsRow)
        {
            statement += string.Concat(Footnotes(c, statement).Select(f => $" Footnote {f.Marker}: {f.Text}"));
        }
        return new Quoted(c, c.Hit.Chunk.PageAt(c.Offset), statement, c.Text);
    }

    // A value cell marked with a footnote letter ("7 (3%) b", "4 (2%)c") is qualified by the note
    // under the table ("b." / "Rash (n=4), vomiting (n=1)."), which often states what the count
    // counts: the quoted row carries the notes of the cells it quotes, when they are printed below
    // it on the same page of its chunk.
    private static IEnumerable<(string Marker, string Text)> Footnotes(Candidate row, string statement)
    {
        var markers = TableRowStatement.Cells(row.Text).Skip(1)
            .Where(cell => statement.Contains(cell, StringComparison.Ordinal))
            .Select(cell => FootnoteMarker().Match(cell))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .ToHashSet(StringComparer.Ordinal);
        if (markers.Count == 0)
        {
            return [];
        }
        var chunk = row.Hit.Chunk;
        var page = chunk.PageAt(row.Offset);
        var after = row.Offset + row.Text.Length;
        return Footnote().Matches(chunk.Text[after..])
            .Where(m => markers.Contains(m.Groups[1].Value) && chunk.PageAt(after + m.Groups[2].Index) == page)
            .DistinctBy(m => m.Groups[1].Value)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim()))
            .ToList();
    }

    // A footnote letter after a cell's number or bracket: "7 (3%) b", "4 (2%)c", "2 (0.4%)a".
    [System.Text.RegularExpressions.GeneratedRegex(@"[\d)%]\s?([a-z])$")]
    private static partial System.Text.RegularExpressions.Regex FootnoteMarker();

    // A footnote under a table: its letter and full stop on a line, the note after it on the same line or the next.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^([a-z])\.[ \t]*\n?[ \t]*([^|\s\n][^\n]*)$")]
    private static partial System.Text.RegularExpressions.Regex Footnote();

    // Chosen sentences as quoted: a list item after the heading leading into it ("Stop use and ask
    // a doctor if: fever gets worse or lasts more than 3 days"); a line ending in a colon ("The
    // chance is higher if you:") with the items it introduces. Each piece is cited to its page.
    private static List<Quoted> Quotes(List<Candidate> chosen, List<Candidate> candidates, QuestionFocus focus, IReadOnlySet<string> besides)
    {
        var quotes = new List<Quoted>();
        var covered = new HashSet<(string Chunk, int Index)>();
        foreach (var c in chosen)
        {
            // "Apart from vomiting, which signs ...?": the sentence saying what the question already
            // knows ("characterized by protracted vomiting") is followed by the one saying what else
            // ("DIES may be associated with pallor, lethargy, ..."), which shares no other word of the question.
            if (besides.Count > 0 && !c.IsRow && c.Terms.Overlaps(besides)
                && candidates.FirstOrDefault(n => n.Hit == c.Hit && n.Index == c.Index + 1) is { IsRow: false } next
                && !IsHeading(next.Text) && next.Hit.Chunk.PageAt(next.Offset) == c.Hit.Chunk.PageAt(c.Offset))
            {
                Add(c);
                Add(next);
                continue;
            }
            // "These are signs of stomach bleeding." and "This study is intended ...; for that reason,
            // the study is of 26 weeks duration." point back: what they refer to is said first.
            if (!c.IsRow && Anaphor().IsMatch(c.Text)
                && candidates.FirstOrDefault(p => p.Hit == c.Hit && p.Index == c.Index - 1) is { IsRow: false } before
                && !IsHeading(before.Text) && !before.Text.EndsWith(':')
                && before.Hit.Chunk.PageAt(before.Offset) == c.Hit.Chunk.PageAt(c.Offset))
            {
                Add(before);
            }
            Add(c);
        }
        return quotes;

        void Add(Candidate c)
        {
            if (!covered.Add((c.Hit.Chunk.Id, c.Index)))
            {
                return;
            }
            var quote = Quote(c, focus);
            var page = quote.Page;
            // A line ending in a colon carries its items even when it is itself an item under a
            // heading ("Warnings" / "Symptoms may include:" / "hives", "asthma (wheezing)", ...).
            if (!c.IsRow && c.Text.EndsWith(':') && ItemsAfter(c) is { Count: > 0 } items)
            {
                var last = items[^1];
                var span = c.Hit.Chunk.Text[c.Offset..(last.Start + last.Text.Length)];
                covered.UnionWith(Enumerable.Range(c.Index + 1, items.Count).Select(i => (c.Hit.Chunk.Id, i)));
                quote = quote with { Statement = Lines().Replace(span, " "), CitedText = span };
            }
            if (c.Lead is { } lead && !chosen.Contains(lead) && lead.Hit.Chunk.PageAt(lead.Offset) == page && covered.Add((lead.Hit.Chunk.Id, lead.Index)))
            {
                quote = quote with { Statement = lead.Text.TrimEnd(':', ' ') + ": " + quote.Statement };
            }
            quotes.Add(quote);
        }
    }

    // What a question already knows and asks beyond ("Apart from vomiting, which signs ...?",
    // "Besides rash, ..."): the stemmed words after the cue, up to the clause's end.
    private static IReadOnlySet<string> Besides(string question) =>
        BesidesCue().Match(question) is { Success: true } m
            ? TermAnalyzer.Terms(m.Groups[1].Value).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:apart from|aside from|besides|other than|in addition to)\s+([^,;?]+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BesidesCue();

    // A sentence that opens by pointing back at the one before it.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(These|This|Those|That|Such|They|Thus|Therefore|Hence|Consequently|For (this|that|these|those) reasons?)\b")]
    private static partial System.Text.RegularExpressions.Regex Anaphor();

    /// <summary>A line longer than this after a colon is a paragraph of its own, not an item the colon introduces.</summary>
    public const int MaxItemLength = 200;

    // The items a line ending in a colon introduces: the lines after it on the same page, up to
    // the next heading, the next such line, a table or a paragraph.
    private static List<ChunkSentences.Sentence> ItemsAfter(Candidate lead)
    {
        var sentences = ChunkSentences.Of(lead.Hit.Chunk);
        var page = lead.Hit.Chunk.PageAt(lead.Offset);
        return sentences.Skip(lead.Index + 1)
            .TakeWhile(s => !IsHeading(s.Text) && !s.Text.EndsWith(':') && !TableRowStatement.IsRow(s.Text)
                && s.Text.Length <= MaxItemLength && lead.Hit.Chunk.PageAt(s.Start + s.Text.Length - 1) == page)
            .Take(MaxListItems)
            .ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\(\s*[\d.,\s]+\)\s*(?=\S)")]
    private static partial System.Text.RegularExpressions.Regex LeadingReference();

    // A section reference around a sentence ("(2.1) Swallow ... whole.") leaves the sentence the same.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\(\s*[\d.,\s]+\)\s*|\s*\(\s*[\d.,\s]+\)\.?$")]
    private static partial System.Text.RegularExpressions.Regex Reference();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\n\s*")]
    private static partial System.Text.RegularExpressions.Regex Lines();

    private static bool IsHeading(string sentence) =>
        sentence.Length < 80 && sentence.Any(char.IsLetter) && sentence.Where(char.IsLetter).All(char.IsUpper);
}
