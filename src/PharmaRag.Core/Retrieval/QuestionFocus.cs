using System.Text.RegularExpressions;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// What a question asks for, beyond its words: a number (a count, dose, rate, duration, age or
/// score), or a list (contraindications, criteria, all the items of a section). For a number, the
/// unit it is asked in when the question says so (<see cref="Units"/>): "how many patients" asks for
/// "70 patients", "how long" for a number of days or weeks, "what percentage" for "12.9%".
/// </summary>
public sealed partial record QuestionFocus(bool WantsNumber, bool WantsList, IReadOnlySet<string> Terms, IReadOnlySet<string> Numbers)
{
    /// <summary>Stemmed words (or "%") one of which follows the asked number in the sentence that states it; empty when not known.</summary>
    public IReadOnlySet<string> Units { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The stemmed words the question itself says (<see cref="Terms"/> also holds the clinical words its lay words add).</summary>
    public IReadOnlySet<string> Said { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The stemmed words of what "how much" measures ("How much sucrose does the vial contain?":
    /// sucrose); a number stated without any of them is the amount of something else. Empty when not asked.
    /// </summary>
    public IReadOnlySet<string> Measured { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The stems of the question's past participles ("stored": stor, "shaken": shaken), which the
    /// base form in a direction ("Store ...", "Shake ...") does not share.
    /// </summary>
    public IReadOnlySet<string> Participles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>True when the question asks what an abbreviation stands for or a term means.</summary>
    public bool AsksMeaning { get; init; }

    /// <summary>
    /// True when the question asks what kind of thing something is ("What kind of molecule is ...?",
    /// "Which class of drugs ...?"): a sentence that classes it ("X is a cysteine protease", "a class
    /// of ...") states the answer.
    /// </summary>
    public bool AsksKind { get; init; }

    /// <summary>The stemmed noun whose kind is asked ("molecule" of "what kind of molecule"); empty when none is said.</summary>
    public IReadOnlySet<string> Kind { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The stemmed word that asks for a kind ("type" of "what type of enzyme"): it frames the
    /// question and is none of its content, so a sentence saying "depending on the cell type" does
    /// not state the kind asked.
    /// </summary>
    public IReadOnlySet<string> KindCueWords { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>True when the question asks for a range ("the usual dose range", "between which ages").</summary>
    public bool WantsRange { get; init; }

    /// <summary>
    /// Whether the question itself says "not" ("who should not take it"), or asks whether ("Can ...",
    /// "Should ...", "Is ..."), where "not" in the answer is the answer; null for the latter.
    /// </summary>
    public bool? Negates { get; init; }

    /// <summary>Stemmed words one of which names the asked number before it ("Day 29" for "on which day"); empty when not asked.</summary>
    public IReadOnlySet<string> UnitsBefore { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Which list of a protocol's eligibility criteria the question asks about: Inclusion ("to be
    /// included", "to enter", "eligible"), Exclusion ("excluded", "ineligible"), or None.
    /// </summary>
    public CriterionSide Criterion { get; init; }

    /// <summary>
    /// True when the question asks who may or may not take part ("to enter", "excludes", "join the
    /// study", "take part"): a protocol answers it with one of its numbered eligibility criteria.
    /// </summary>
    public bool AsksEligibility { get; init; }

    /// <summary>The criteria list a chunk belongs to, by the last "inclusion/exclusion criteria" heading of its section path.</summary>
    public static CriterionSide SideOf(string? sectionPath)
    {
        if (sectionPath is null)
        {
            return CriterionSide.None;
        }
        var lower = sectionPath.ToLowerInvariant();
        var inclusion = lower.LastIndexOf("inclusion criteria", StringComparison.Ordinal);
        var exclusion = lower.LastIndexOf("exclusion criteria", StringComparison.Ordinal);
        return inclusion < 0 && exclusion < 0 ? CriterionSide.None
            : inclusion > exclusion ? CriterionSide.Inclusion : CriterionSide.Exclusion;
    }

    public static QuestionFocus Of(string question)
    {
        var lower = question.ToLowerInvariant();
        var terms = TermAnalyzer.Terms(question + " " + string.Join(' ', LayTerms.For(question))).ToHashSet(StringComparer.Ordinal);
        var numbers = SentenceMatch.Number().Matches(question).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var wantsNumber = NumberCue().IsMatch(lower) || WhichDay().IsMatch(lower) || Storage().IsMatch(lower) || When().IsMatch(lower);
        return new QuestionFocus(wantsNumber, ListCue().IsMatch(lower), terms, numbers)
        {
            Said = TermAnalyzer.Terms(question).ToHashSet(StringComparer.Ordinal),
            // "On which day is the dose raised to 30 mg/day?" asks for a day, not a dose.
            Units = wantsNumber && !WhichDay().IsMatch(lower) ? UnitsOf(lower) : new HashSet<string>(StringComparer.Ordinal),
            Negates = YesNo().IsMatch(lower) ? null : NegationCue().IsMatch(lower),
            WantsRange = RangeCue().IsMatch(lower),
            AsksMeaning = MeaningCue().IsMatch(lower),
            AsksKind = KindCue().IsMatch(lower),
            Kind = KindCue().Match(lower) is { Success: true } kind && kind.Groups["kind"].Success
                ? TermAnalyzer.Terms(kind.Groups["kind"].Value).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal),
            KindCueWords = KindCue().Match(lower) is { Success: true } cue
                ? TermAnalyzer.Terms(cue.Groups["cue"].Value).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal),
            Participles = TermAnalyzer.Words(lower).Where(w => w.Length >= 5 && (w.EndsWith("ed", StringComparison.Ordinal) || w.EndsWith("en", StringComparison.Ordinal)))
                .Select(TermAnalyzer.Stem).ToHashSet(StringComparer.Ordinal),
            Measured = HowMuch().Match(lower) is { Success: true } much
                ? TermAnalyzer.Terms(much.Groups[1].Value).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal),
            Criterion = (InclusionCue().IsMatch(lower), ExclusionCue().IsMatch(lower)) switch
            {
                (true, false) => CriterionSide.Inclusion,
                (false, true) => CriterionSide.Exclusion,
                _ => CriterionSide.None,
            },
            AsksEligibility = InclusionCue().IsMatch(lower) || ExclusionCue().IsMatch(lower) || JoinCue().IsMatch(lower),
            UnitsBefore = wantsNumber && WhichDay().Match(lower) is { Success: true } day
                ? new HashSet<string>([TermAnalyzer.Stem(day.Groups[1].Value)], StringComparer.Ordinal)
                // "When is the follow-up visit?": "on Day 29", "at Week 12".
                : When().IsMatch(lower) ? new HashSet<string>(["day", "week", "month", "visit", "cycle"], StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal),
        };
    }

    /// <summary>True when <paramref name="text"/> gives a number the question did not say, followed by an asked unit.</summary>
    public bool StatesAskedQuantity(string text)
    {
        if (Units.Count == 0 && UnitsBefore.Count == 0)
        {
            return false;
        }
        // A frequency asked ("how common", "how often did ... occur") may be given as "1 in 20
        // patients", "≥1/100" or "4 per 10,000", not as a percentage.
        if (Units.Contains("%") && FrequencyWording().IsMatch(text))
        {
            return true;
        }
        foreach (Match number in SentenceMatch.Number().Matches(text))
        {
            if (Numbers.Contains(number.Value))
            {
                continue;
            }
            // A day or visit is named before its number: "on Day 29", "at Week 12".
            if (DayNamed().Match(text[..number.Index]) is { Success: true } named && UnitsBefore.Contains(TermAnalyzer.Stem(named.Groups[1].Value.ToLowerInvariant())))
            {
                return true;
            }
            var end = number.Index + number.Length;
            var after = text.AsSpan(end, Math.Min(40, text.Length - end)).TrimStart();
            if (after.Length > 0 && after[0] == '%' && Units.Contains("%"))
            {
                return true;
            }
            // A unit of one letter or a symbol, which the word analysis drops: "6 g", "2°C", "2 °C".
            if (ShortUnit().Match(after.ToString()) is { Success: true } symbol && Units.Contains(symbol.Value.Replace(" ", "").ToLowerInvariant()))
            {
                return true;
            }
            if (end < text.Length && char.IsLetter(text[end]))
            {
                // Glued to letters: a unit ("50mg") or part of a code ("Phase 2A", "RO5459072").
                var glued = new string(text.AsSpan(end).ToArray().TakeWhile(char.IsLetter).ToArray()).ToLowerInvariant();
                if (Units.Contains(glued))
                {
                    return true;
                }
                continue;
            }
            // The unit within the next two words: "70 patients", "18 weeks", "10 mg", "45 years of age".
            if (TermAnalyzer.Words(after.ToString()).Take(2).Select(TermAnalyzer.Stem).Any(Units.Contains))
            {
                return true;
            }
        }
        return false;
    }

    private static HashSet<string> UnitsOf(string lower)
    {
        var units = new HashSet<string>(StringComparer.Ordinal);
        // "how many patients", "how many VEKLURY subjects": the counted noun, with its lay synonyms.
        if (HowMany().Match(lower) is { Success: true } many)
        {
            var counted = TermAnalyzer.Words(many.Groups[1].Value).ToArray();
            foreach (var word in counted)
            {
                units.Add(TermAnalyzer.Stem(word));
            }
            foreach (var synonym in LayTerms.For(string.Join(' ', counted)))
            {
                units.Add(TermAnalyzer.Stem(synonym));
            }
        }
        if (Duration().IsMatch(lower) || When().IsMatch(lower))
        {
            units.UnionWith(["second", "minute", "hour", "day", "week", "month", "year"]);
        }
        if (Storage().IsMatch(lower))
        {
            // "How should the vials be stored?" is answered by a temperature ("at 2°C to 8°C").
            units.UnionWith(["°c", "°f", "ºc", "ºf"]);
        }
        if (Frequency().IsMatch(lower))
        {
            // "every 1 to 4 weeks", "2-3 times a week".
            units.UnionWith(["hour", "day", "week", "month", "year", "time", "daily", "weekly"]);
        }
        if (Age().IsMatch(lower))
        {
            units.UnionWith(["year", "age"]);
        }
        if (Dose().IsMatch(lower))
        {
            units.UnionWith(["mg", "g", "mcg", "µg", "ml", "unit", "mg/kg", "mg/day", "mg/m2"]);
        }
        if (Share().IsMatch(lower))
        {
            units.Add("%");
        }
        return units;
    }

    [GeneratedRegex(@"\b(included|include|inclusion|to enter|enter (the|this|protocol|study|trial)|study entry|eligible|eligibility|qualify|qualifies)\b")]
    private static partial Regex InclusionCue();

    [GeneratedRegex(@"\b(excluded|exclude|excludes|exclusion|ineligible|not eligible|disqualif\w*)\b")]
    private static partial Regex ExclusionCue();

    [GeneratedRegex(@"\b(join|joins|joining|take part|participate|enrol|enroll|enrolled|be randomi[sz]ed)\b")]
    private static partial Regex JoinCue();

    [GeneratedRegex(@"\b(stands? for|abbreviat\w*|acronym|mean|means|meaning|defined|definition|spelled out)\b")]
    private static partial Regex MeaningCue();

    [GeneratedRegex(@"\b(range|ranges|between (which|what))\b")]
    private static partial Regex RangeCue();

    [GeneratedRegex(@"^\s*(can|could|should|is|are|does|do|may|must|will|was|were|did|has|have)\b")]
    private static partial Regex YesNo();

    [GeneratedRegex(@"\b(not|no|never|without|avoid\w*|n't|contraindicat\w*)\b|n't\b")]
    private static partial Regex NegationCue();

    [GeneratedRegex(@"\bhow many ((?:[\p{L}\p{N}-]+ ){0,2}[\p{L}\p{N}-]+)")]
    private static partial Regex HowMany();

    [GeneratedRegex(@"\b(how long|duration|how soon|within how)\b")]
    private static partial Regex Duration();

    // "When is the follow-up visit?", "When does the restriction start?", "Until when ...?" ask for a
    // time; "When should ... not be used?" asks for a condition.
    [GeneratedRegex(@"\b(until when|when (is|are|was|were|does|do|did|will))\b")]
    private static partial Regex When();

    // "What kind of molecule", "which class of drugs", "what type of enzyme".
    [GeneratedRegex(@"\b(?:what|which) (?<cue>kinds?|types?|class|classes|sort|family) of (?<kind>[\p{L}-]+)|\bwhat (?:drug )?(?<cue>class)\b")]
    private static partial Regex KindCue();

    // "1 in 20 patients", "1 out of 10", "≥1/100", "4 per 10,000".
    [GeneratedRegex(@"\b\d+ (?:in|out of) (?:every )?\d[\d,]*\b|[≥>]\s?1\s?/\s?\d|\b\d+(?:[.,]\d+)? per (?:100|1,?000|10,?000|100,?000)\b")]
    private static partial Regex FrequencyWording();


    // "how much betadex sodium does ...": the words up to the verb.
    [GeneratedRegex(@"\bhow much ((?:[\p{L}\p{N}-]+ ){0,4}?[\p{L}\p{N}-]+) (?:does|do|did|is|are|was|were|should|can|may|must|will|in|per)\b")]
    private static partial Regex HowMuch();

    // How or where a product is kept: its storage temperature is the fact asked.
    [GeneratedRegex(@"\b(how|where|at what temperature) (should|must|do|does|can|is|are) .*\b(stored|kept)\b|\bstorage (condition|conditions|temperature)\b")]
    private static partial Regex Storage();

    // A unit right after a number: one letter ("g") or a degree sign and its scale ("°C").
    [GeneratedRegex(@"^(?:[°º]\s?[CFcf]|\p{L}{1,2})\b")]
    private static partial Regex ShortUnit();

    [GeneratedRegex(@"\b(how often|how frequently)\b")]
    private static partial Regex Frequency();

    // "On which day", "on what study day", "at which treatment week": a word may name the day's kind.
    [GeneratedRegex(@"\b(?:which|what) (?:[a-z]+ )?(day|week|visit|cycle|month)\b")]
    private static partial Regex WhichDay();

    // The word right before a number ("Day" in "on Day 29").
    [GeneratedRegex(@"\b(\p{L}+)\s*$")]
    private static partial Regex DayNamed();

    [GeneratedRegex(@"\b(how old|what age|minimum age|maximum age|ages?\b|aged)")]
    private static partial Regex Age();

    [GeneratedRegex(@"\b(dose|doses|dosage|dosing|strength|strengths|how much)\b")]
    private static partial Regex Dose();

    [GeneratedRegex(@"\b(percentage|percent|proportion|share|rate|rates|incidence|prevalence|how often|how frequently|how (common|prevalent|frequent|likely|sensitive|specific)|sensitivity|specificity)\b")]
    private static partial Regex Share();

    [GeneratedRegex(@"\b(how (many|much|long|often|old|soon|frequently|common|prevalent|frequent|likely|sensitive|specific)|incidence|prevalence|what (percentage|percent|proportion|share|rate|dose|dosage|ages?|score|level|concentration|temperature|strength|number|size)|at what|what year|which year|maximum|minimum|highest|lowest|starting|initial dose|dose|dosage|mg|when must|which day|what day|how is .* dosed|rate of|rates? was|percentage)\b")]
    private static partial Regex NumberCue();

    [GeneratedRegex(@"\b(contraindications?|contraindicated|who should not|should not take|not be used|what are the|which (drugs|medicines|agents|conditions|patients)|list (the|all)|criteria)\b")]
    private static partial Regex ListCue();
}
