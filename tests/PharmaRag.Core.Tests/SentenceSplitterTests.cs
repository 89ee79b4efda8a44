using PharmaRag.Core.Text;

namespace PharmaRag.Core.Tests;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Splits_at_sentence_ends_but_not_at_abbreviations_or_decimals()
    {
        var text = "Take 2.5 mg daily, e.g. with food. See Fig. 3 for details. Dr. Smith agreed! Is it safe? Yes.";

        var sentences = SentenceSplitter.Split(text).Select(s => s.Text).ToArray();

        Assert.Equal(
            ["Take 2.5 mg daily, e.g. with food.", "See Fig. 3 for details.", "Dr. Smith agreed!", "Is it safe?", "Yes."],
            sentences);
    }

    [Fact]
    public void Offsets_point_at_each_sentence_in_the_original_text()
    {
        var text = "  First one.  Second one.\nThird";

        foreach (var (start, sentence) in SentenceSplitter.Split(text))
        {
            Assert.Equal(sentence, text.Substring(start, sentence.Length));
        }
        Assert.Equal(3, SentenceSplitter.Split(text).Count);
    }
}
