using PharmaRag.Bench.Retrieval;
using PharmaRag.Bench.Scoring;

namespace PharmaRag.Bench.Tests;

public sealed class QaScorerTests
{
    private static RetrievedChunk Chunk(string text, string document = "doc-a") => new($"{document}-{text.GetHashCode()}", document, text);

    [Fact]
    public void An_answer_in_the_first_chunk_is_a_hit_at_rank_one()
    {
        var ranked = new[] { Chunk("The recommended dose is 200 mg on day 1."), Chunk("Store below 30 °C.") };

        Assert.Equal(1, QaScorer.FirstHitRank(["200 mg on day 1"], ranked));
        Assert.True(QaScorer.IsHitAt(1, ["200 mg on day 1"], ranked));
    }

    [Fact]
    public void The_rank_is_that_of_the_first_chunk_holding_any_answer()
    {
        var ranked = new[] { Chunk("Nothing here."), Chunk("Also nothing."), Chunk("Give 100 mg once daily.") };

        Assert.Equal(3, QaScorer.FirstHitRank(["not present", "100 mg once daily"], ranked));
        Assert.False(QaScorer.IsHitAt(2, ["100 mg once daily"], ranked));
        Assert.True(QaScorer.IsHitAt(3, ["100 mg once daily"], ranked));
    }

    [Fact]
    public void An_answer_found_nowhere_is_a_miss()
    {
        var ranked = new[] { Chunk("The recommended dose is 200 mg on day 1.") };

        Assert.Null(QaScorer.FirstHitRank(["300 mg"], ranked));
        Assert.False(QaScorer.IsHitAt(10, ["300 mg"], ranked));
    }

    [Fact]
    public void An_empty_answer_never_hits()
    {
        Assert.Null(QaScorer.FirstHitRank(["  ", "\u00AE"], [Chunk("anything at all")]));
    }

    [Theory]
    [InlineData("Infuse over 30\u2013120 minutes.", "infuse over 30-120 minutes")] // en dash in the passage
    [InlineData("Infuse over 30-120 minutes.", "Infuse over 30\u2014120 minutes")] // em dash in the answer
    [InlineData("A value of \u22125 was recorded.", "a value of -5")] // minus sign
    [InlineData("non\u2011steroidal drugs", "non-steroidal drugs")] // non-breaking hyphen
    public void Every_kind_of_dash_matches_a_hyphen(string passage, string answer)
    {
        Assert.Equal(1, QaScorer.FirstHitRank([answer], [Chunk(passage)]));
    }

    [Theory]
    [InlineData("Determine eGFR in all\npatients before   starting.", "determine egfr in all patients before starting")]
    [InlineData("Determine eGFR in all patients before starting.", "Determine  eGFR\tin all\r\npatients before starting")]
    [InlineData("Determine\u00A0eGFR in all patients", "determine egfr in all patients")] // no-break space
    public void Whitespace_and_case_do_not_matter(string passage, string answer)
    {
        Assert.Equal(1, QaScorer.FirstHitRank([answer], [Chunk(passage)]));
    }

    [Fact]
    public void Soft_hyphens_and_trademark_signs_are_dropped()
    {
        var ranked = new[] { Chunk("VEKLURY\u00AE (remdesivir) is an anti\u00ADviral; ZORBIX\u2122 is another.") };

        Assert.Equal(1, QaScorer.FirstHitRank(["Veklury (remdesivir) is an antiviral"], ranked));
        Assert.Equal(1, QaScorer.FirstHitRank(["ZORBIX is another"], ranked));
    }

    [Fact]
    public void A_long_answer_counts_when_its_first_sixty_characters_are_found()
    {
        var answer = "Transaminase elevations were observed in healthy volunteers who received the drug for ten days, and they resolved.";
        var passage = "Transaminase elevations were observed in healthy volunteers who received the drug (see Table 4).";

        Assert.Equal(1, QaScorer.FirstHitRank([answer], [Chunk(passage)]));
        Assert.Null(QaScorer.FirstHitRank([answer], [Chunk("Transaminase elevations were observed in some volunteers.")]));
    }

    [Fact]
    public void Chunks_outside_the_scope_neither_hit_nor_take_a_rank()
    {
        var ranked = new[]
        {
            Chunk("The maximum daily dose is 4 g.", document: "other-label"),
            Chunk("Unrelated text of the scoped label.", document: "label"),
            Chunk("The maximum daily dose is 4 g.", document: "label"),
        };

        Assert.Equal(1, QaScorer.FirstHitRank(["maximum daily dose is 4 g"], ranked));
        Assert.Equal(2, QaScorer.FirstHitRank(["maximum daily dose is 4 g"], ranked, scope: ["label"]));
        Assert.Null(QaScorer.FirstHitRank(["maximum daily dose is 4 g"], ranked.Take(2), scope: ["label"]));
    }
}
