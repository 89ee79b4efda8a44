namespace PharmaRag.Core.Graph;

/// <summary>
/// LightRAG's entity and relation extraction prompt, specialised to the pharma entity types:
/// one tuple per line, fields separated by <see cref="TupleDelimiter"/>, ended by
/// <see cref="CompleteMarker"/>; then one gleaning turn that asks for what was missed.
/// </summary>
public static class ExtractionPrompt
{
    public const string TupleDelimiter = "<|>";
    public const string RecordDelimiter = "##";
    public const string CompleteMarker = "<|COMPLETE|>";

    /// <summary>The types offered to the model, with what each covers.</summary>
    public static readonly IReadOnlyList<(EntityType Type, string Covers)> Types =
    [
        (EntityType.Drug, "a medicine or active substance; name it by its generic (INN) name"),
        (EntityType.Disease, "an indication, disease or condition treated, prevented or studied"),
        (EntityType.AdverseReaction, "an adverse reaction, side effect, toxicity or warning"),
        (EntityType.Dose, "a dose, regimen, route or schedule, with its numbers and units"),
        (EntityType.Population, "a patient population (paediatric, renal impairment, pregnancy ...)"),
        (EntityType.Gene, "a gene, protein, enzyme, receptor or drug target (CYP3A4, EGFR ...)"),
        (EntityType.Biomarker, "a biomarker or laboratory measure (INR, HbA1c, eGFR ...)"),
        (EntityType.Study, "a clinical study or trial (name, NCT number, phase)"),
        (EntityType.Endpoint, "a study endpoint or outcome measure"),
        (EntityType.Organization, "a company, sponsor, regulator or institution"),
    ];

    public static string System =>
        $$"""
        You build a pharmaceutical knowledge graph from passages of regulatory and scientific documents
        (prescribing information, protocols, study reports, papers).

        From the passage, identify every entity of these types:
        {{string.Join("\n", Types.Select(t => $"- {t.Type}: {t.Covers}"))}}

        For each entity write one line:
        ("entity"{{TupleDelimiter}}<name>{{TupleDelimiter}}<type>{{TupleDelimiter}}<what the passage says about it>{{TupleDelimiter}}<aliases separated by ;>)
        For a drug the name is the generic name; brand names, codes and abbreviations are its aliases.

        Then, for each pair of entities the passage clearly relates, write one line:
        ("relationship"{{TupleDelimiter}}<source>{{TupleDelimiter}}<target>{{TupleDelimiter}}<how they are related>{{TupleDelimiter}}<keywords, comma separated>{{TupleDelimiter}}<strength 1-10>)

        Separate lines with {{RecordDelimiter}}. Use only facts stated in the passage. When done, write {{CompleteMarker}}.

        Example:
        ("entity"{{TupleDelimiter}}warfarin{{TupleDelimiter}}Drug{{TupleDelimiter}}An anticoagulant whose effect is monitored by INR.{{TupleDelimiter}}Coumadin){{RecordDelimiter}}
        ("entity"{{TupleDelimiter}}INR{{TupleDelimiter}}Biomarker{{TupleDelimiter}}International normalized ratio, kept between 2.0 and 3.0.{{TupleDelimiter}}international normalized ratio){{RecordDelimiter}}
        ("relationship"{{TupleDelimiter}}warfarin{{TupleDelimiter}}INR{{TupleDelimiter}}Warfarin dosing is adjusted to keep the INR between 2.0 and 3.0.{{TupleDelimiter}}monitoring, dose adjustment{{TupleDelimiter}}9){{RecordDelimiter}}
        {{CompleteMarker}}
        """;

    public static string User(string text, string? section) =>
        (section is null ? "" : $"Section: {section}\n") + $"Passage:\n{text}\n\nOutput:";

    public const string Gleaning =
        "Many entities and relationships were missed in the last extraction. Add only the missing ones below, in the same format, then write " + CompleteMarker + ".";

    public static string Summary(string name, IEnumerable<string> descriptions) =>
        $"""
        Merge these descriptions of the entity "{name}", taken from one document, into one comprehensive description of at most
        three sentences. Keep every distinct fact, resolve contradictions, write in the third person and include the name.

        {string.Join("\n", descriptions.Select(d => "- " + d))}
        """;
}
