using System.Text.RegularExpressions;
using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Graph;

/// <summary>
/// Extracts a pharma knowledge graph without a language model. Entities come from the
/// <see cref="PharmaLexicon"/> patterns; brand names ("VEKLURY (remdesivir)") and defined acronyms
/// become aliases of one entity for the whole document; relations come from co-occurrence in a
/// sentence (keywords from its verbs and its label section), and section semantics link the
/// document's main drug to what its CONTRAINDICATIONS, ADVERSE REACTIONS, DRUG INTERACTIONS ...
/// sections list.
/// </summary>
public sealed partial class OfflinePharmaExtractor : IGraphExtractor
{
    private const int MaxDescription = 300;
    private const int MaxEntitiesPerSentence = 8;

    private static readonly HashSet<string> NotDiseases = new(StringComparer.OrdinalIgnoreCase)
    {
        "diagnosis", "prognosis", "analysis", "hypothesis", "thesis", "emphasis", "synthesis", "basis", "sympathy", "empathy",
        "diploma", "aroma", "osmosis", "emesis", "dialysis", "hydrolysis", "catalysis", "academia",
    };

    private static readonly HashSet<string> LeadingNoise = new(StringComparer.OrdinalIgnoreCase)
    {
        "with", "in", "of", "the", "a", "an", "and", "or", "for", "to", "by", "from", "patients", "severe", "mild", "moderate",
        "known", "active", "any", "other", "history", "who", "have", "had", "has", "is", "are", "was", "were", "as", "on", "at",
    };

    private static readonly string[] SaltWords = [" sodium", " calcium", " hydrochloride", " potassium", " tablets", " injection", " capsules", " for injection"];

    public string Description => "offline pharma rules (drug-name stems, brand/generic and acronym aliases, label sections, sentence co-occurrence)";

    private sealed record Found(string Name, EntityType Type);

    public Task<IReadOnlyList<ChunkGraph>> ExtractAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken)
    {
        var aliases = DocumentAliases(chunks);
        var perChunk = new List<(Chunk Chunk, string? Section, List<(string Sentence, List<Found> Entities)> Sentences)>();
        string? section = null;
        foreach (var chunk in chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            section = SectionOf(chunk) ?? section;
            var sentences = SentenceSplitter.Split(chunk.Text)
                .Select(s => (s.Text, Recognise(s.Text, section, aliases)))
                .ToList();
            perChunk.Add((chunk, section, sentences));
        }

        var mainDrug = perChunk.SelectMany(c => c.Sentences).SelectMany(s => s.Entities)
            .Where(e => e.Type == EntityType.Drug)
            .GroupBy(e => EntityKey.Of(e.Name)).OrderByDescending(g => g.Count()).FirstOrDefault()?.First().Name;
        var aliasesByCanonical = aliases.GroupBy(a => EntityKey.Of(a.Value)).ToDictionary(g => g.Key, g => g.Select(a => a.Key).ToArray());

        var graphs = perChunk.Select(c => BuildGraph(c.Chunk, c.Section, c.Sentences, mainDrug, aliasesByCanonical)).ToArray();
        return Task.FromResult<IReadOnlyList<ChunkGraph>>(graphs);
    }

    private static ChunkGraph BuildGraph(
        Chunk chunk, string? section, List<(string Sentence, List<Found> Entities)> sentences, string? mainDrug,
        Dictionary<string, string[]> aliasesByCanonical)
    {
        var entities = new Dictionary<string, EntityMention>(StringComparer.Ordinal);
        var relations = new Dictionary<string, RelationMention>(StringComparer.Ordinal);
        var sectionKeywords = PharmaLexicon.Sections.FirstOrDefault(s => s.Heading == section).Keywords;

        foreach (var (sentence, found) in sentences)
        {
            foreach (var entity in found)
            {
                var key = EntityKey.Of(entity.Name);
                entities.TryAdd(key, new EntityMention(entity.Name, entity.Type, Trim(sentence), aliasesByCanonical.GetValueOrDefault(key) ?? []));
            }
            var distinct = found.DistinctBy(f => EntityKey.Of(f.Name)).Take(MaxEntitiesPerSentence).ToArray();
            var verbs = PharmaLexicon.RelationVerbs.Where(v => sentence.Contains(v.Stem, StringComparison.OrdinalIgnoreCase)).Select(v => v.Keyword);
            var keywords = string.Join(", ", verbs.Concat(sectionKeywords is null ? [] : [sectionKeywords]).Distinct());
            for (var i = 0; i < distinct.Length; i++)
            {
                for (var j = i + 1; j < distinct.Length; j++)
                {
                    AddRelation(relations, new RelationMention(distinct[i].Name, distinct[j].Name,
                        keywords.Length > 0 ? keywords : "co-occurrence", Trim(sentence), 1));
                }
            }
        }

        // What a label section lists is about the label's drug even where the sentence does not name it.
        if (mainDrug is not null && sectionKeywords is not null)
        {
            var linkable = SectionLinkTypes(section!);
            foreach (var entity in entities.Values.Where(e => linkable.Contains(e.Type) && e.Key != EntityKey.Of(mainDrug)))
            {
                AddRelation(relations, new RelationMention(mainDrug, entity.Name, sectionKeywords, entity.Description, 0.5));
            }
            entities.TryAdd(EntityKey.Of(mainDrug), new EntityMention(mainDrug, EntityType.Drug,
                $"The drug this document is about ({section!.ToLowerInvariant()}).", aliasesByCanonical.GetValueOrDefault(EntityKey.Of(mainDrug)) ?? []));
        }
        if (chunk.Kind is BlockKind.Table or BlockKind.Image or BlockKind.Equation)
        {
            AddModalEntity(chunk, entities, relations);
        }
        return new ChunkGraph(chunk.Id, chunk.DocumentId, entities.Values.ToArray(), relations.Values.ToArray());
    }

    // A table, figure or equation is an entity of its own (RAG-Anything's modal entities), linked
    // to everything found in it. Its name carries the document, so "Table 1" of two labels stay apart.
    private static void AddModalEntity(Chunk chunk, Dictionary<string, EntityMention> entities, Dictionary<string, RelationMention> relations)
    {
        var (type, noun) = chunk.Kind switch
        {
            BlockKind.Table => (EntityType.Table, "Table"),
            BlockKind.Image => (EntityType.Image, "Figure"),
            _ => (EntityType.Equation, "Equation"),
        };
        var firstLine = chunk.Text.Split('\n', 2)[0].Trim();
        var caption = firstLine.StartsWith('|') || firstLine.Length == 0 ? $"{noun} on page {chunk.Pages[0]}" : Trim(firstLine);
        var name = $"{(caption.Length > 80 ? caption[..80] : caption)} [{chunk.DocumentId[..Math.Min(8, chunk.DocumentId.Length)]}]";
        var modal = new EntityMention(name, type, caption, []);
        foreach (var entity in entities.Values)
        {
            AddRelation(relations, new RelationMention(name, entity.Name, $"{noun.ToLowerInvariant()} contains", caption, 1));
        }
        entities[modal.Key] = modal;
    }

    private static void AddRelation(Dictionary<string, RelationMention> relations, RelationMention relation)
    {
        if (EntityKey.Of(relation.Source) == EntityKey.Of(relation.Target))
        {
            return;
        }
        relations[relation.Key] = relations.TryGetValue(relation.Key, out var existing)
            ? existing with { Weight = existing.Weight + relation.Weight, Keywords = MergeKeywords(existing.Keywords, relation.Keywords) }
            : relation;
    }

    private static string MergeKeywords(string a, string b) =>
        string.Join(", ", (a + ", " + b).Split(", ", StringSplitOptions.RemoveEmptyEntries).Distinct());

    private static HashSet<EntityType> SectionLinkTypes(string section) => section switch
    {
        "ADVERSE REACTIONS" or "BOXED WARNING" or "WARNINGS AND PRECAUTIONS" => [EntityType.AdverseReaction, EntityType.Disease],
        "INDICATIONS" => [EntityType.Disease, EntityType.Population],
        "CONTRAINDICATIONS" => [EntityType.Disease, EntityType.Population, EntityType.Drug],
        "DRUG INTERACTIONS" => [EntityType.Drug, EntityType.Gene],
        "DOSAGE AND ADMINISTRATION" or "DOSAGE FORMS" => [EntityType.Dose, EntityType.Population],
        "USE IN SPECIFIC POPULATIONS" => [EntityType.Population],
        "CLINICAL PHARMACOLOGY" or "MECHANISM OF ACTION" or "PHARMACOKINETICS" => [EntityType.Gene, EntityType.Biomarker],
        "CLINICAL STUDIES" => [EntityType.Study, EntityType.Endpoint, EntityType.Disease],
        _ => [],
    };

    /// <summary>The label section a chunk belongs to: its section path, else the first heading printed in it.</summary>
    private static string? SectionOf(Chunk chunk)
    {
        var source = chunk.SectionPath ?? chunk.Text;
        var best = (Heading: (string?)null, Index: int.MaxValue);
        foreach (var (heading, _) in PharmaLexicon.Sections)
        {
            var index = source.IndexOf(heading, StringComparison.Ordinal);
            if (index >= 0 && index < best.Index)
            {
                best = (heading, index);
            }
        }
        return best.Heading;
    }

    private static List<Found> Recognise(string sentence, string? section, Dictionary<string, string> aliases)
    {
        var found = new List<Found>();
        void Add(string name, EntityType type)
        {
            name = name.Trim();
            if (name.Length >= 2)
            {
                found.Add(aliases.TryGetValue(name, out var canonical) ? new Found(canonical, EntityType.Drug == type || IsDrug(canonical) ? EntityType.Drug : type) : new Found(name, type));
            }
        }

        foreach (Match m in PharmaLexicon.DrugStem().Matches(sentence))
        {
            Add(m.Value.ToLowerInvariant(), EntityType.Drug);
        }
        foreach (var word in Words().Matches(sentence).Select(m => m.Value))
        {
            if (PharmaLexicon.KnownDrugs.Contains(word))
            {
                Add(word.ToLowerInvariant(), EntityType.Drug);
            }
            else if (aliases.ContainsKey(word))
            {
                Add(word, EntityType.Concept);
            }
        }
        var adverse = section is "ADVERSE REACTIONS" or "BOXED WARNING" or "WARNINGS AND PRECAUTIONS";
        foreach (Match m in PharmaLexicon.DiseaseForm().Matches(sentence))
        {
            if (!NotDiseases.Contains(m.Value))
            {
                Add(m.Value.ToLowerInvariant(), adverse ? EntityType.AdverseReaction : EntityType.Disease);
            }
        }
        foreach (Match m in PharmaLexicon.DiseasePhrase().Matches(sentence))
        {
            var words = (m.Groups[1].Value + " " + m.Groups[2].Value).Split(' ').SkipWhile(LeadingNoise.Contains).ToArray();
            if (words.Length >= 2)
            {
                Add(string.Join(' ', words).ToLowerInvariant(), EntityType.Disease);
            }
        }
        foreach (var condition in PharmaLexicon.KnownConditions.Where(c => sentence.Contains(c, StringComparison.OrdinalIgnoreCase)))
        {
            Add(condition, adverse ? EntityType.AdverseReaction : EntityType.Disease);
        }
        foreach (var symptom in PharmaLexicon.Symptoms.Where(s => ContainsWord(sentence, s)))
        {
            Add(symptom, EntityType.AdverseReaction);
        }
        AddAll(PharmaLexicon.GeneOrTarget(), EntityType.Gene);
        AddAll(PharmaLexicon.Biomarker(), EntityType.Biomarker);
        AddAll(PharmaLexicon.Dose(), EntityType.Dose);
        AddAll(PharmaLexicon.Population(), EntityType.Population, lower: true);
        AddAll(PharmaLexicon.Study(), EntityType.Study);
        AddAll(PharmaLexicon.Endpoint(), EntityType.Endpoint, lower: true);
        AddAll(PharmaLexicon.Organization(), EntityType.Organization);
        return found;

        void AddAll(Regex pattern, EntityType type, bool lower = false)
        {
            foreach (Match m in pattern.Matches(sentence))
            {
                Add(lower ? m.Value.ToLowerInvariant() : m.Value, type);
            }
        }
    }

    private static bool IsDrug(string name) => PharmaLexicon.KnownDrugs.Contains(name) || PharmaLexicon.DrugStem().IsMatch(name);

    private static bool ContainsWord(string text, string phrase)
    {
        var index = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
        return index >= 0
            && (index == 0 || !char.IsLetter(text[index - 1]))
            && (index + phrase.Length == text.Length || !char.IsLetter(text[index + phrase.Length]));
    }

    /// <summary>Brand names and acronyms defined anywhere in the document, mapped to what they stand for.</summary>
    private static Dictionary<string, string> DocumentAliases(IReadOnlyList<Chunk> chunks)
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in chunks)
        {
            foreach (Match m in PharmaLexicon.BrandGeneric().Matches(chunk.Text))
            {
                var generic = m.Groups[2].Value;
                foreach (var salt in SaltWords)
                {
                    generic = generic.EndsWith(salt, StringComparison.Ordinal) ? generic[..^salt.Length] : generic;
                }
                if (IsDrug(generic) && !aliases.ContainsKey(m.Groups[1].Value))
                {
                    aliases[m.Groups[1].Value] = generic;
                }
            }
            foreach (Match m in PharmaLexicon.AcronymDefinition().Matches(chunk.Text))
            {
                if (LongForm(m.Groups[1].Value, m.Groups[2].Value) is { } longForm && !aliases.ContainsKey(m.Groups[2].Value))
                {
                    aliases[m.Groups[2].Value] = longForm;
                }
            }
        }
        return aliases;
    }

    /// <summary>The words before "(ACR)" whose initials spell the acronym, e.g. "severe acute respiratory syndrome (SARS)"; null when none do.</summary>
    internal static string? LongForm(string before, string acronym)
    {
        var letters = acronym.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray();
        var words = before.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (letters.Length < 2 || words.Length < letters.Length - 1)
        {
            return null;
        }
        for (var take = Math.Min(words.Length, letters.Length + 2); take >= letters.Length - 1 && take >= 1; take--)
        {
            var candidate = words[^take..];
            if (char.ToLowerInvariant(candidate[0][0]) == letters[0] && char.ToLowerInvariant(candidate[^1][0]) == letters[^1]
                && !LeadingNoise.Contains(candidate[0]))
            {
                return string.Join(' ', candidate);
            }
        }
        return null;
    }

    private static string Trim(string sentence) => sentence.Length <= MaxDescription ? sentence : sentence[..MaxDescription] + "…";

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9\-]+")]
    private static partial Regex Words();
}
