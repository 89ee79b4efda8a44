using PharmaRag.Bench.Datasets;
using PharmaRag.Bench.Ingestion;
using PharmaRag.Bench.Scoring;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Bench.Tests;

public sealed class GoldCeilingTests
{
    private static readonly string LongSentence =
        "Remdesivir should only be administered in a hospital or in a healthcare setting capable of providing acute care.";

    [Fact]
    public void A_gold_found_in_no_chunk_of_its_scope_lowers_the_ceiling()
    {
        var map = new DocumentMap();
        map.Add("label.pdf", "doc-label");
        map.Add("paper.pdf", "doc-paper");
        var chunks = new[]
        {
            Chunk("doc-label", 0, "Dosage. The loading dose is 200 mg on Day 1."),
            Chunk("doc-paper", 0, "Patients received 100 mg once daily."),
        };
        var set = Set(
            Question("in-scope", "label.pdf", "200 mg on Day 1"),
            Question("other-document-only", "label.pdf", "100 mg once daily"), // only the unscoped paper holds it
            Question("unscoped", null, "100 MG once\ndaily"));

        Assert.Equal(2.0 / 3, GoldCeiling.Measure(set, map, chunks));
    }

    [Fact]
    public void A_long_gold_counts_by_its_prefix_but_not_when_a_chunk_boundary_cuts_the_prefix()
    {
        var map = new DocumentMap();
        map.Add("label.pdf", "doc-label");
        var whole = new[] { Chunk("doc-label", 0, LongSentence[..70]) }; // holds the first 60 characters
        var cut = new[] { Chunk("doc-label", 0, LongSentence[..30]), Chunk("doc-label", 1, LongSentence[30..]) };
        var set = Set(Question("long", "label.pdf", LongSentence));

        Assert.Equal(1.0, GoldCeiling.Measure(set, map, whole));
        Assert.Equal(0.0, GoldCeiling.Measure(set, map, cut));
    }

    [Fact]
    public void Document_sets_have_no_ceiling()
    {
        var set = new BenchSet("docs", SetScoring.DocumentRelevance, [], [new BenchQuestion("q", "claim")]);

        Assert.Null(GoldCeiling.Measure(set, new DocumentMap(), []));
    }

    private static BenchSet Set(params BenchQuestion[] questions) => new("answers", SetScoring.AnswerContainment, [], questions);

    private static BenchQuestion Question(string id, string? scope, string answer) =>
        new(id, "question?") { Scope = scope, Answers = [answer] };

    private static Chunk Chunk(string document, int ordinal, string text) => new()
    {
        Id = $"{document}:{ordinal}",
        DocumentId = document,
        Ordinal = ordinal,
        Text = text,
        Tokens = text.Length / 4,
        PageSpans = [new PageSpan(0, 1)],
    };
}
