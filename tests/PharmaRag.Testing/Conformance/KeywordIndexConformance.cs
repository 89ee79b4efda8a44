using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IKeywordIndex"/> must do.</summary>
public abstract class KeywordIndexConformance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty, initialised index.</summary>
    protected abstract Task<PortFixture<IKeywordIndex>> CreateAsync();

    [Fact]
    public async Task Keyword_search_ranks_filters_and_forgets_removed_chunks()
    {
        await using var f = await CreateAsync();
        var keywords = f.Port;
        var a = SampleData.Document("g");
        var b = SampleData.Document("hh");
        var chunksA = new[]
        {
            SampleData.Chunk(a.Id, 0, "Warfarin interacts with CYP2C9 inhibitors; monitor INR closely."),
            SampleData.Chunk(a.Id, 1, "Store tablets at room temperature."),
        };
        var chunksB = new[] { SampleData.Chunk(b.Id, 0, "Warfarin tablets are round.") };
        await keywords.IndexAsync(chunksA, None);
        await keywords.IndexAsync(chunksA, None);
        await keywords.IndexAsync(chunksB, None);

        var hits = await keywords.SearchAsync("warfarin INR monitoring", 10, null, None);
        Assert.Equal(chunksA[0].Id, hits[0].ChunkId);
        Assert.Equal(2, hits.Count);
        Assert.True(hits[0].Score >= hits[1].Score);
        Assert.Equal([chunksB[0].Id], (await keywords.SearchAsync("warfarin", 10, [b.Id], None)).Select(h => h.ChunkId));
        Assert.Empty(await keywords.SearchAsync("\"unbalanced (quote* AND OR", 10, null, None));
        Assert.Empty(await keywords.SearchAsync("'); DROP TABLE chunks; -- :* & | !", 10, null, None));
        var withNul = SampleData.Chunk(b.Id, 1, "Clopidogrel\0 tablets");
        await keywords.IndexAsync([withNul], None);
        Assert.Equal([withNul.Id], (await keywords.SearchAsync("clopidogrel\0", 10, null, None)).Select(h => h.ChunkId));
        await keywords.RemoveAsync([withNul.Id], None);

        await keywords.RemoveAsync([chunksA[0].Id], None);
        Assert.Equal([chunksB[0].Id], (await keywords.SearchAsync("warfarin", 10, null, None)).Select(h => h.ChunkId));
        await keywords.RemoveDocumentAsync(b.Id, None);
        Assert.Empty(await keywords.SearchAsync("warfarin", 10, null, None));
        Assert.Single(await keywords.SearchAsync("temperature", 10, null, None));
    }

    [Fact]
    public async Task Rarer_words_and_more_matches_rank_higher_and_top_k_is_respected()
    {
        await using var f = await CreateAsync();
        var d = SampleData.Document("rank");
        var chunks = Enumerable.Range(0, 20)
            .Select(i => SampleData.Chunk(d.Id, i, i switch
            {
                0 => "Hepatotoxicity was reported with the tablets in two patients.",
                1 => "Patients took the tablets with food and water every day.",
                _ => $"Patients visited the clinic on day {i} for routine checks.",
            }))
            .ToArray();
        await f.Port.IndexAsync(chunks, None);

        var hits = await f.Port.SearchAsync("hepatotoxicity patients", 3, null, None);

        Assert.Equal(3, hits.Count);
        Assert.Equal(chunks[0].Id, hits[0].ChunkId);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task Scores_after_reindexing_and_removals_equal_those_of_an_index_built_from_what_is_left()
    {
        // Corpus statistics (chunk count, average length, document frequencies) must follow every
        // replace and removal; a stale statistic changes scores but not which chunks match.
        var d = SampleData.Document("stats");
        var other = SampleData.Document("stats-other");
        var early = Enumerable.Range(0, 12)
            .Select(i => SampleData.Chunk(d.Id, i, $"Warfarin dose {i} adjusted to the INR; bleeding risk rises with CYP2C9 inhibitors in week {i}."))
            .ToArray();
        var rewritten = early.Take(6)
            .Select(c => SampleData.Chunk(d.Id, c.Ordinal, "Short replacement about warfarin."))
            .ToArray();
        var otherChunks = Enumerable.Range(0, 5)
            .Select(i => SampleData.Chunk(other.Id, i, $"Metformin extended-release tablets taken with the evening meal, visit {i}, long text to vary length."))
            .ToArray();
        string[] queries = ["warfarin INR", "bleeding risk CYP2C9", "metformin evening meal", "warfarin"];

        await using var history = await CreateAsync();
        await history.Port.IndexAsync(early, None);
        await history.Port.IndexAsync(otherChunks, None);
        await history.Port.IndexAsync(rewritten, None);
        await history.Port.RemoveAsync([early[7].Id, early[8].Id], None);
        await history.Port.RemoveDocumentAsync(other.Id, None);

        await using var fresh = await CreateAsync();
        await fresh.Port.IndexAsync([.. rewritten, .. early.Skip(6).Where(c => c.Ordinal is not 7 and not 8)], None);

        foreach (var query in queries)
        {
            var expected = await fresh.Port.SearchAsync(query, 20, null, None);
            var actual = await history.Port.SearchAsync(query, 20, null, None);
            Assert.Equal(expected.Select(h => h.ChunkId), actual.Select(h => h.ChunkId));
            Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Score, p.Second.Score, 9));
        }
    }

    [Fact]
    public async Task Equal_scores_rank_by_chunk_id_whatever_order_the_chunks_were_indexed_in()
    {
        // Ingestion indexes documents in parallel, so two builds of one library index its chunks in
        // different orders; an index that breaks score ties by its insertion order would give the
        // same question different rankings. Two documents each repeat one sentence in twelve
        // chunks (equal scores); the top 5 cuts inside the tie.
        var a = SampleData.Document("tie-a");
        var b = SampleData.Document("tie-b");
        var tied = new[] { a, b }
            .SelectMany(d => Enumerable.Range(0, 12).Select(i => SampleData.Chunk(d.Id, i, "Keep the vials refrigerated until use.") with { Section = null }))
            .ToArray();
        var background = Enumerable.Range(12, 20)
            .Select(i => SampleData.Chunk(a.Id, i, "Routine clinic visit recorded vital signs and laboratory values.") with { Section = null })
            .ToArray();
        var expected = tied.Select(c => c.Id).Order(ChunkOrder.Ids).Take(5).ToArray();

        await using var forward = await CreateAsync();
        await forward.Port.IndexAsync([.. tied, .. background], None);
        await using var backward = await CreateAsync();
        foreach (var chunk in background.Concat(tied).Reverse())
        {
            await backward.Port.IndexAsync([chunk], None);
        }

        foreach (var index in new[] { forward.Port, backward.Port })
        {
            Assert.Equal(expected, (await index.SearchAsync("refrigerated vials", 5, null, None)).Select(h => h.ChunkId));
            Assert.Equal(expected, (await index.SearchAsync("refrigerated vials", 5, [a.Id, b.Id], None)).Select(h => h.ChunkId));
        }
        // Natural order: the document, then the ordinal as a number (chunk 2 before chunk 10).
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Core.Ingestion.Chunk.MakeId(expected[0][..expected[0].LastIndexOf('-')], i)), expected);
    }

    [Theory]
    [InlineData("IL-6", "Serum IL-6 rose after infusion in the treated cohort of adults.", "IL-2 in 6 arms.")]
    [InlineData("COVID-19", "Patients with COVID-19 were enrolled at the clinic this year.", "COVID in 19 sites.")]
    [InlineData("5-FU", "Patients received 5-FU by continuous infusion every single week.", "FU in 5 weeks.")]
    [InlineData("mg/kg", "The dose was 2 mg/kg given intravenously over one whole hour.", "kg body weight then mg dose.")]
    [InlineData("CYP3A4", "Warfarin is metabolised by CYP3A4 in the liver of most adults.", "CYP3A5 in 4 cases.")]
    public async Task Biomedical_compounds_rank_the_chunk_that_has_them_above_one_with_their_parts(string term, string text, string parts)
    {
        await using var f = await CreateAsync();
        var d = SampleData.Document("bio");
        var target = SampleData.Chunk(d.Id, 0, text);
        var decoy = SampleData.Chunk(d.Id, 1, parts);
        // Background chunks give the index realistic term statistics (with two chunks every idf is nil).
        // The decoy is short, so on its words alone it would outrank the longer chunk with the compound.
        var background = Enumerable.Range(2, 30).Select(i => SampleData.Chunk(d.Id, i, "Routine clinic visit recorded vital signs and laboratory values."));
        await f.Port.IndexAsync([target, decoy, .. background], None);

        var hits = await f.Port.SearchAsync(term, 5, null, None);

        Assert.Equal(target.Id, hits[0].ChunkId);
    }
}
