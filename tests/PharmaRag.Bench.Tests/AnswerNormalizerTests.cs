using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Tests;

public sealed class AnswerNormalizerTests
{
    [Theory]
    [InlineData("  Hello\n\n  World  ", "hello world")]
    [InlineData("VEKLURY\u00AE ( remdesivir )", "veklury ( remdesivir )")]
    [InlineData("TRADE\u2122 NAME \u00AE here", "trade name here")]
    [InlineData("hydroxy\u00ADchloroquine", "hydroxychloroquine")]
    [InlineData("68\u00B0F\u201377\u00B0F \u2014 range \u2212 minus \u2010 hyphen", "68\u00B0f-77\u00B0f - range - minus - hyphen")]
    [InlineData("", "")]
    public void Normalises_case_whitespace_marks_and_dashes(string text, string expected)
    {
        Assert.Equal(expected, AnswerNormalizer.Normalize(text));
    }

    [Fact]
    public void Short_answers_have_one_key_long_ones_also_their_prefix()
    {
        Assert.Equal(["8.33 ml/minute"], AnswerNormalizer.Keys("8.33 mL/minute"));
        var longAnswer = new string('x', 50) + " and then some more words";
        var keys = AnswerNormalizer.Keys(longAnswer);
        Assert.Equal(2, keys.Count);
        Assert.Equal(AnswerNormalizer.Normalize(longAnswer), keys[0]);
        Assert.True(keys[1].Length <= AnswerNormalizer.PrefixLength);
        Assert.StartsWith(keys[1], keys[0]);
        Assert.Empty(AnswerNormalizer.Keys(" \u00AD "));
    }
}
