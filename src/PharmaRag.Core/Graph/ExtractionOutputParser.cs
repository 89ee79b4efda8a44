using System.Globalization;

namespace PharmaRag.Core.Graph;

/// <summary>
/// Reads LightRAG-style tuple output leniently: records split on "##" or new lines, optional
/// parentheses, quotes and markdown fences around them; a line that does not parse is counted and
/// skipped, never fatal. Relation endpoints the model did not list as entities become entities.
/// </summary>
public static class ExtractionOutputParser
{
    private const int MaxName = 160;
    private const int MaxDescription = 1200;

    public static ExtractionOutput Parse(string? output)
    {
        var entities = new Dictionary<string, EntityMention>(StringComparer.Ordinal);
        var relations = new Dictionary<string, RelationMention>(StringComparer.Ordinal);
        var records = 0;
        var rejected = 0;
        var text = output ?? "";
        var complete = text.Contains(ExtractionPrompt.CompleteMarker, StringComparison.OrdinalIgnoreCase);
        text = text.Replace(ExtractionPrompt.CompleteMarker, "\n", StringComparison.OrdinalIgnoreCase);

        foreach (var raw in text.Split([ExtractionPrompt.RecordDelimiter, "\n"], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }
            var fields = Fields(raw);
            var kind = fields.Length > 0 ? fields[0].ToLowerInvariant() : "";
            if (kind == "entity" && fields.Length >= 3 && Name(fields[1]) is { } name)
            {
                var mention = new EntityMention(name, TypeOf(fields[2]), Text(fields.ElementAtOrDefault(3)), Aliases(fields.ElementAtOrDefault(4), name));
                entities[mention.Key] = entities.TryGetValue(mention.Key, out var existing) ? Merge(existing, mention) : mention;
                records++;
            }
            else if (kind is "relationship" or "relation" && fields.Length >= 3 && Name(fields[1]) is { } source && Name(fields[2]) is { } target
                && EntityKey.Of(source) != EntityKey.Of(target))
            {
                var strength = double.TryParse(fields.ElementAtOrDefault(5), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 0, 10) : 1;
                var keywords = Text(fields.ElementAtOrDefault(4));
                var relation = new RelationMention(source, target, keywords.Length > 0 ? keywords : "related", Text(fields.ElementAtOrDefault(3)), strength);
                relations[relation.Key] = relations.TryGetValue(relation.Key, out var known)
                    ? known with { Weight = known.Weight + relation.Weight }
                    : relation;
                records++;
            }
            else if (kind is "content_keywords" or "content keywords")
            {
                records++;
            }
            else
            {
                rejected++;
            }
        }

        foreach (var relation in relations.Values)
        {
            foreach (var endpoint in new[] { relation.Source, relation.Target })
            {
                entities.TryAdd(EntityKey.Of(endpoint), new EntityMention(endpoint, EntityType.Concept, relation.Description, []));
            }
        }
        return new ExtractionOutput(entities.Values.ToArray(), relations.Values.ToArray(), records, rejected, complete);
    }

    /// <summary>Entities and relations of two outputs (extraction and gleaning) together.</summary>
    public static ExtractionOutput Combine(ExtractionOutput first, ExtractionOutput second)
    {
        var entities = first.Entities.ToDictionary(e => e.Key);
        foreach (var e in second.Entities)
        {
            entities[e.Key] = entities.TryGetValue(e.Key, out var existing) ? Merge(existing, e) : e;
        }
        var relations = first.Relations.ToDictionary(r => r.Key);
        foreach (var r in second.Relations)
        {
            relations.TryAdd(r.Key, r);
        }
        return new ExtractionOutput(entities.Values.ToArray(), relations.Values.ToArray(),
            first.Records + second.Records, first.Rejected + second.Rejected, first.Complete && second.Complete);
    }

    private static EntityMention Merge(EntityMention a, EntityMention b) => a with
    {
        Type = a.Type == EntityType.Concept ? b.Type : a.Type,
        Description = a.Description.Contains(b.Description, StringComparison.OrdinalIgnoreCase) ? a.Description : (a.Description + " " + b.Description).Trim(),
        Aliases = a.Aliases.Concat(b.Aliases).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
    };

    private static string[] Fields(string record)
    {
        var text = record.Trim().TrimStart('-', '*', ' ').Trim();
        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            text = text[1..^1];
        }
        else if (text.StartsWith('('))
        {
            text = text[1..];
        }
        return text.Split(ExtractionPrompt.TupleDelimiter).Select(f => f.Trim().Trim('"', '\'', '`', '<', '>', ' ').Trim()).ToArray();
    }

    private static string? Name(string field)
    {
        var name = string.Join(' ', field.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim('.', ',', ';', ':', '*');
        return name.Length is >= 1 and <= MaxName && name.Any(char.IsLetterOrDigit) ? name : null;
    }

    private static string Text(string? field)
    {
        var text = (field ?? "").Trim();
        return text.Length <= MaxDescription ? text : text[..MaxDescription] + "…";
    }

    private static IReadOnlyList<string> Aliases(string? field, string name) =>
        (field ?? "").Split((char[])[';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(a => Name(a.Trim('"', '\'')))
            .OfType<string>()
            .Where(a => EntityKey.Of(a) != EntityKey.Of(name) && a is not ("none" or "None" or "N/A" or "n/a"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

    /// <summary>The entity type a model wrote, forgiving case, spacing and the slash names of the design ("Dose/Regimen").</summary>
    public static EntityType TypeOf(string written)
    {
        var key = new string(written.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        return key switch
        {
            "drug" or "medicine" or "medication" or "compound" or "substance" or "activeingredient" => EntityType.Drug,
            "disease" or "indication" or "indicationdisease" or "condition" or "disorder" => EntityType.Disease,
            "adversereaction" or "adverseevent" or "sideeffect" or "toxicity" or "adverseeffect" => EntityType.AdverseReaction,
            "dose" or "dosage" or "regimen" or "doseregimen" or "dosageregimen" => EntityType.Dose,
            "population" or "patientpopulation" => EntityType.Population,
            "gene" or "target" or "genetarget" or "protein" or "enzyme" or "receptor" => EntityType.Gene,
            "biomarker" or "labtest" or "laboratorymeasure" => EntityType.Biomarker,
            "study" or "trial" or "studytrial" or "clinicaltrial" => EntityType.Study,
            "endpoint" or "outcome" or "outcomemeasure" => EntityType.Endpoint,
            "organization" or "organisation" or "company" or "sponsor" or "regulator" => EntityType.Organization,
            "table" => EntityType.Table,
            "image" or "figure" => EntityType.Image,
            "equation" or "formula" => EntityType.Equation,
            _ => EntityType.Concept,
        };
    }
}
