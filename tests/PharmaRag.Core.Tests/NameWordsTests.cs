using PharmaRag.Core.Retrieval;

namespace PharmaRag.Core.Tests;

public sealed class NameWordsTests
{
    [Theory]
    [InlineData("In study BP30037 of RO5459072, how many patients will be randomized?", "bp30037 ro5459072")]
    [InlineData("What is the minimum age to join the Bayer FXIa inhibitor stroke study?", "bayer fxia")]
    [InlineData("Can a pregnant woman take warfarin?", "warfarin")]
    [InlineData("How many patients will be randomized in the study?", "")]
    [InlineData("What dose of 500 mg tablets is given?", "")]
    public void Codes_capitalised_names_and_drug_names_can_name_a_document_common_words_cannot(string question, string names)
    {
        Assert.Equal(
            names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
            NameWords.Of(question).Order(StringComparer.Ordinal));
    }
}
