using PharmaRag.Core.Retrieval;

namespace PharmaRag.Core.Tests;

public sealed class SubjectDefinitionTests
{
    [Theory]
    [InlineData("What type of enzyme is velorase K?", "velorase k")]
    [InlineData("What kind of molecule is the glucagon in the nasal spray?", "glucagon")]
    [InlineData("What is the tear film protein also called?", "tear film protein")]
    [InlineData("Under what name was ZX4410 previously developed?", "zx4410")]
    public void An_identity_question_names_its_subject(string question, string subject) =>
        Assert.Equal(subject, SubjectDefinition.SubjectOf(question));

    [Theory]
    [InlineData("How many participants will be enrolled?")]
    [InlineData("What does the enzyme do in the liver?")]
    [InlineData("What enzyme does ZX 4410 block?")]
    public void Other_questions_have_no_subject(string question) =>
        Assert.Null(SubjectDefinition.SubjectOf(question));

    [Theory]
    [InlineData("Velorase K is a serine hydrolase of the trypsin family.")]
    [InlineData("Introduction\nZX 4410 is a direct inhibitor of factor Q.")]
    [InlineData("| Drug Name | ZX4410 (formerly QRT-77) |")]
    [InlineData("Nasal glucagon (XY-12) is a powder of human glucagon.")]
    [InlineData("The tear film protein, also known as lacritin, is secreted by the gland.")]
    public void A_sentence_saying_what_its_subject_is_defines_it(string sentence)
    {
        var subjects = new[] { "velorase k", "zx 4410", "zx4410", "glucagon", "tear film protein" };

        Assert.Contains(subjects, s => SubjectDefinition.Defines(sentence, s));
    }

    [Theory]
    [InlineData("Velorase K inhibitors are tested in two studies.")]
    [InlineData("Enzyme activity of velorase K is measured at every visit.")]
    [InlineData("Velorase K activity is a marker of inflammation.")]
    public void A_sentence_mentioning_its_subject_does_not_define_it(string sentence) =>
        Assert.False(SubjectDefinition.Defines(sentence, "velorase k"));

    [Theory]
    [InlineData("Plasma levels of ZX-4410 rise within an hour.", true)]
    [InlineData("Liver enzymes are measured weekly.", false)]
    [InlineData("Each 4410 tablet is film-coated.", true)]
    public void A_sentence_mentions_its_subject_by_its_words_in_order(string sentence, bool mentions) =>
        Assert.Equal(mentions, SubjectDefinition.Mentions(sentence, "zx 4410"));

    [Fact]
    public void A_subject_with_a_long_qualifier_is_mentioned_by_its_code() =>
        Assert.True(SubjectDefinition.Mentions("| ZX-4410 | EGFR x HER3 |", "bispecific adc zx-4410"));
}
