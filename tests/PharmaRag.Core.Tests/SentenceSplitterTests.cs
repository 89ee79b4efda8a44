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

    [Fact]
    public void A_table_row_whose_cells_hold_sentences_is_one_sentence()
    {
        var text = "Table 3: Risks\n| Anemia | Anemia has been observed. See the IB. | Monitoring complete blood count. Dose modification (Section 6.6). |\nMonitoring is done. Doses change.";

        var sentences = SentenceSplitter.Split(text).Select(s => s.Text).ToArray();

        Assert.Equal(
            ["Table 3: Risks", "| Anemia | Anemia has been observed. See the IB. | Monitoring complete blood count. Dose modification (Section 6.6). |", "Monitoring is done.", "Doses change."],
            sentences);
    }
}
