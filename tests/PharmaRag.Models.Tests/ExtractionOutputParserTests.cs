using PharmaRag.Core.Graph;

namespace PharmaRag.Models.Tests;

public sealed class ExtractionOutputParserTests
{
    [Fact]
    public void Tuples_become_entities_with_types_and_aliases_and_weighted_relations()
    {
        var output = ExtractionOutputParser.Parse(
            """
            ("entity"<|>warfarin<|>Drug<|>An anticoagulant.<|>Coumadin; Jantoven)##
            ("entity"<|>INR<|>Biomarker<|>International normalized ratio.<|>)##
            ("entity"<|>bleeding<|>Adverse Reaction<|>Major or fatal bleeding.<|>none)##
            ("relationship"<|>warfarin<|>INR<|>Dosing follows the INR.<|>monitoring, dose adjustment<|>9)##
            ("relationship"<|>warfarin<|>bleeding<|>Warfarin can cause bleeding.<|>adverse reaction<|>8)##
            <|COMPLETE|>
            """);

        Assert.True(output.IsUsable);
        Assert.Equal(0, output.Rejected);
        var warfarin = output.Entities.Single(e => e.Name == "warfarin");
        Assert.Equal(EntityType.Drug, warfarin.Type);
        Assert.Equal(["Coumadin", "Jantoven"], warfarin.Aliases);
        Assert.Equal(EntityType.AdverseReaction, output.Entities.Single(e => e.Name == "bleeding").Type);
        Assert.Empty(output.Entities.Single(e => e.Name == "bleeding").Aliases);
        var monitoring = output.Relations.Single(r => r.Target == "INR");
        Assert.Equal("monitoring, dose adjustment", monitoring.Keywords);
        Assert.Equal(9, monitoring.Weight);
    }

    [Fact]
    public void Malformed_lines_are_skipped_and_counted_and_the_rest_is_kept()
    {
        var output = ExtractionOutputParser.Parse(
            """
            Here are the entities I found:
            ```
            entity<|>remdesivir<|>drug<|>An antiviral.
            ("entity"<|><|>Drug<|>no name)
            ("relationship"<|>remdesivir<|>SARS-CoV-2<|>Inhibits its RNA polymerase.<|>antiviral<|>not a number)
            ("entity"<|>broken
            ```
            """);

        Assert.True(output.IsUsable);
        Assert.Equal(2, output.Records);
        Assert.Equal(3, output.Rejected);
        Assert.Equal(EntityType.Drug, output.Entities.Single(e => e.Name == "remdesivir").Type);
        // An endpoint the model did not list is still an entity.
        Assert.Equal(EntityType.Concept, output.Entities.Single(e => e.Name == "SARS-CoV-2").Type);
        Assert.Equal(1, output.Relations.Single().Weight);
    }

    [Theory]
    [InlineData("I'm sorry, I cannot help with that.", false)]
    [InlineData("", false)]
    [InlineData("<|COMPLETE|>", true)]
    public void Output_without_tuples_is_usable_only_as_an_explicit_nothing(string text, bool usable) =>
        Assert.Equal(usable, ExtractionOutputParser.Parse(text).IsUsable);

    [Theory]
    [InlineData("Dose/Regimen", EntityType.Dose)]
    [InlineData("Indication/Disease", EntityType.Disease)]
    [InlineData("gene/target", EntityType.Gene)]
    [InlineData("Study/Trial", EntityType.Study)]
    [InlineData("ORGANIZATION", EntityType.Organization)]
    [InlineData("something else", EntityType.Concept)]
    public void Type_names_are_read_forgivingly(string written, EntityType expected) =>
        Assert.Equal(expected, ExtractionOutputParser.TypeOf(written));
}
