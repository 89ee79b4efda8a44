using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Core.Tests;

public sealed class ExtractiveAnswererTests
{
    private static readonly ExtractiveAnswerer Answerer = new(Options.Create(new RetrievalOptions { AnswerSentences = 2 }));

    private static SearchHit Hit(string id, string text, params PageSpan[] spans) => new(new Chunk
    {
        Id = id, DocumentId = "doc", Ordinal = 0, Text = text, Tokens = 10,
        PageSpans = spans.Length == 0 ? [new PageSpan(0, 1)] : spans,
    }, "label.pdf", 1);

    [Fact]
    public void Picks_the_sentence_that_answers_and_cites_its_page()
    {
        var text = "Store below 25 C. The recommended dose is 10 mg once daily. Tablets are white.";
        var hit = Hit("c1", text, new PageSpan(0, 4), new PageSpan(text.IndexOf("The recommended", StringComparison.Ordinal), 5));

        var (answer, citations) = Answerer.Answer("What is the recommended dose?", [hit]);

        Assert.StartsWith("The recommended dose is 10 mg once daily.", answer);
        Assert.Equal(5, citations[0].Page);
        Assert.Equal("c1", citations[0].ChunkId);
        Assert.Contains("[1: label.pdf, p. 5]", answer);
    }

    [Fact]
    public void Repeated_sentences_from_overlapping_chunks_are_said_once()
    {
        var sentence = "Warfarin requires INR monitoring.";
        var (_, citations) = Answerer.Answer("warfarin INR monitoring", [Hit("c1", sentence), Hit("c2", sentence)]);

        Assert.Single(citations);
    }

    [Fact]
    public void Says_so_when_nothing_matches()
    {
        var (answer, citations) = Answerer.Answer("pediatric dosing", [Hit("c1", "Tablets are white and round.")]);

        Assert.Equal(ExtractiveAnswerer.NothingFound, answer);
        Assert.Empty(citations);
        Assert.Equal(ExtractiveAnswerer.NothingFound, Answerer.Answer("dose", []).Answer);
    }

    [Fact]
    public void A_table_header_row_is_never_an_answer_but_its_rows_can_be()
    {
        var table = "Table 3: Drugs that increase bleeding risk\n| Drug Class | Specific Drugs |\n| --- | --- |\n| Antiplatelet drugs | aspirin, clopidogrel |";

        var (answer, citations) = Answerer.Answer("Which drug class and specific drugs are listed?", [Hit("t1", table)]);
        var (_, rowCitations) = Answerer.Answer("Which antiplatelet drugs are listed?", [Hit("t1", table)]);

        // Without the rule the header row, which names every asked-for column, would be the best "sentence".
        Assert.DoesNotContain(citations, c => c.Text == "| Drug Class | Specific Drugs |");
        Assert.DoesNotContain("| Drug Class |", answer);
        Assert.Contains(rowCitations, c => c.Text.Contains("clopidogrel"));
    }
}
