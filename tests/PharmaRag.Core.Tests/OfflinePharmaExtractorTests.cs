using PharmaRag.Core.Graph;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Tests;

public sealed class OfflinePharmaExtractorTests
{
    private static Chunk Chunk(int ordinal, string text, string? section = null) => new()
    {
        Id = $"doc-{ordinal}", DocumentId = "doc", Ordinal = ordinal, Text = text, Tokens = 10,
        PageSpans = [new PageSpan(0, ordinal + 1)], Section = section,
    };

    private static async Task<IReadOnlyList<ChunkGraph>> ExtractAsync(params Chunk[] chunks) =>
        await new OfflinePharmaExtractor().ExtractAsync(chunks, CancellationToken.None);

    [Fact]
    public async Task A_brand_name_becomes_an_alias_of_the_generic_drug_for_the_whole_document()
    {
        var graphs = await ExtractAsync(
            Chunk(0, "VEKLURY® (remdesivir) for injection, for intravenous use."),
            Chunk(1, "VEKLURY is a SARS-CoV-2 nucleotide analog RNA polymerase inhibitor."));

        var remdesivir = graphs.SelectMany(g => g.Entities).Where(e => e.Key == "remdesivir").ToArray();
        Assert.NotEmpty(remdesivir);
        Assert.All(remdesivir, e => Assert.Equal(EntityType.Drug, e.Type));
        Assert.Contains(remdesivir, e => e.Aliases.Contains("VEKLURY"));
        // The second chunk names only the brand, which resolves to the generic entity.
        Assert.Contains(graphs[1].Entities, e => e.Key == "remdesivir");
        Assert.DoesNotContain(graphs.SelectMany(g => g.Entities), e => e.Key == "veklury");
    }

    [Fact]
    public async Task Acronyms_defined_in_the_text_resolve_to_their_long_form()
    {
        var graphs = await ExtractAsync(
            Chunk(0, "Patients with acute kidney injury (AKI) were excluded."),
            Chunk(1, "AKI occurred in 2% of patients."));

        Assert.Contains(graphs[1].Entities, e => e.Key == "acute kidney injury");
    }

    [Fact]
    public async Task Section_semantics_link_the_main_drug_to_what_its_sections_list()
    {
        var graphs = await ExtractAsync(
            Chunk(0, "1 INDICATIONS AND USAGE Warfarin is indicated for the prophylaxis of venous thrombosis. Warfarin tablets are round."),
            Chunk(1, "6 ADVERSE REACTIONS The most common adverse reactions were nausea, headache and rash.", "6 ADVERSE REACTIONS"),
            Chunk(2, "7 DRUG INTERACTIONS Inhibitors of CYP2C9 such as fluconazole increase exposure.", "7 DRUG INTERACTIONS"));

        var adverse = graphs[1].Entities.Where(e => e.Type == EntityType.AdverseReaction).Select(e => e.Key).ToArray();
        Assert.Contains("nausea", adverse);
        Assert.Contains("headache", adverse);
        Assert.Contains(graphs[1].Relations, r => r.Key == RelationMention.RelationKey("nausea", "warfarin") && r.Keywords.Contains("adverse reaction"));
        var interaction = Assert.Single(graphs[2].Relations, r => r.Key == RelationMention.RelationKey("fluconazole", "warfarin"));
        Assert.Contains("drug interaction", interaction.Keywords);
        Assert.Contains(graphs[2].Relations, r => r.Key == RelationMention.RelationKey("cyp2c9", "fluconazole") && r.Keywords.Contains("inhibits"));
        Assert.All(graphs.SelectMany(g => g.Relations), r => Assert.NotEqual(EntityKey.Of(r.Source), EntityKey.Of(r.Target)));
    }

    [Fact]
    public async Task Ordinary_words_with_disease_like_endings_are_not_entities()
    {
        var graphs = await ExtractAsync(Chunk(0, "The analysis confirmed the diagnosis and the prognosis was good."));

        Assert.Empty(graphs[0].Entities);
    }

    [Fact]
    public async Task A_table_becomes_an_entity_linked_to_what_its_rows_name()
    {
        var table = new Chunk
        {
            Id = "doc-5", DocumentId = "0123456789abcdef", Ordinal = 5, Kind = Content.BlockKind.Table, Tokens = 20,
            PageSpans = [new PageSpan(0, 7)], Section = "6 ADVERSE REACTIONS",
            Text = "Table 2: Adverse Reactions\n| Reaction | Placebo | Atorvastatin |\n| --- | --- | --- |\n| Nausea | 3.1 | 4.0 |\n| Myalgia | 2.7 | 3.5 |",
        };

        var graph = (await ExtractAsync(table))[0];

        var entity = Assert.Single(graph.Entities, e => e.Type == EntityType.Table);
        Assert.Equal("Table 2: Adverse Reactions [01234567]", entity.Name);
        Assert.Contains(graph.Relations, r => r.Key == RelationMention.RelationKey(entity.Key, "nausea") && r.Keywords == "table contains");
        Assert.Contains(graph.Relations, r => r.Key == RelationMention.RelationKey(entity.Key, "myalgia"));
    }

    [Fact]
    public async Task A_figure_becomes_an_image_entity_linked_to_what_it_shows()
    {
        var figure = Chunk(3, "Figure 2: Plasma concentrations of remdesivir over time.") with { Kind = Content.BlockKind.Image };

        var graph = (await ExtractAsync(figure))[0];

        var entity = Assert.Single(graph.Entities, e => e.Type == EntityType.Image);
        Assert.StartsWith("Figure 2: Plasma concentrations of remdesivir over time. [doc]", entity.Name);
        Assert.Contains(graph.Relations, r => r.Key == RelationMention.RelationKey(entity.Key, "remdesivir") && r.Keywords == "figure contains");
    }
}
