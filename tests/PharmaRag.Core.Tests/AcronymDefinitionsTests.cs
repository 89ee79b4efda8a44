using PharmaRag.Core.Text;

namespace PharmaRag.Core.Tests;

public sealed class AcronymDefinitionsTests
{
    [Theory]
    [InlineData("Abbreviations: CRU = clinical research unit; ECG = electrocardiogram; min = minutes.")]
    [InlineData("Term\tDefinition\nCRU   clinical research unit\nECG   electrocardiogram")]
    [InlineData("| Abbreviation | Definition |\n| --- | --- |\n| CRU | clinical research unit |\n| ECG | electrocardiogram |")]
    [InlineData("Protocol ZX-515: A Phase 1 Study of Zorvatide in Healthy Volunteers\nAbbreviations: AE = adverse event; CRU = clinical research unit; ECG = electrocardiogram; PK = pharmacokinetics.\nSamples are shipped frozen.")]
    [InlineData("Participants are admitted to the clinical research unit (CRU) on Day -1.")]
    public void An_acronym_listed_with_its_words_is_a_definition(string text)
    {
        var definitions = AcronymDefinitions.Of([text]);

        Assert.Equal("CRU", definitions.Additions("How long do patients stay in the clinical research unit?"));
        Assert.Equal("clinical research unit", definitions.Additions("How long do patients stay in the CRU?"));
    }

    [Theory]
    [InlineData("CDISC Pilot Study")]
    [InlineData("ECG = electrocardiogram; PK = pharmacokinetics")]
    [InlineData("| CRU | Day 1 visit |")]
    [InlineData("CRU = the unit where research is done")]
    public void A_line_whose_words_do_not_spell_the_acronym_defines_nothing(string text)
    {
        Assert.Equal(0, AcronymDefinitions.Of([text]).Count);
    }
}
