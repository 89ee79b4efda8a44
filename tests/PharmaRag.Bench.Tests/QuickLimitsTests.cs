using PharmaRag.Bench.Datasets;

namespace PharmaRag.Bench.Tests;

public sealed class QuickLimitsTests
{
    private static readonly CorpusDocument[] Corpus =
        Enumerable.Range(1, 50).Select(i => CorpusDocument.FromText($"d{i}", null, $"text {i}")).ToArray();

    [Fact]
    public void A_quick_sample_keeps_the_first_questions_their_gold_and_the_same_others_every_time()
    {
        var limits = new QuickLimits(Questions: 2, OtherDocuments: 5);
        BenchQuestion[] questions =
        [
            new("q1", "a") { Relevant = new HashSet<string> { "d40" } },
            new("q2", "b") { Scope = "d7" },
            new("q3", "c") { Relevant = new HashSet<string> { "d3" } },
        ];

        var chosen = limits.Take(questions);
        var first = limits.Corpus(Corpus, chosen);
        var second = limits.Corpus(Corpus.Reverse().ToArray(), chosen);

        Assert.Equal(["q1", "q2"], chosen.Select(q => q.Id));
        Assert.Equal(7, first.Count);
        Assert.Contains(first, d => d.Id == "d40");
        Assert.Contains(first, d => d.Id == "d7");
        Assert.Equal(first.Select(d => d.Id).Order(), second.Select(d => d.Id).Order());
    }
}
