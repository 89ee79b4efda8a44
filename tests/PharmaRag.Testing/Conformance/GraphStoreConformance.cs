using PharmaRag.Core.Graph;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IGraphStore"/> must do: the same graph from the same documents.</summary>
public abstract class GraphStoreConformance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty, initialised graph.</summary>
    protected abstract Task<PortFixture<IGraphStore>> CreateAsync();

    private static EntityMention Drug(string name, string description, params string[] aliases) =>
        new(name, EntityType.Drug, description, aliases);

    private static readonly ChunkGraph[] DocA =
    [
        new("a-0", "a", [Drug("remdesivir", "An antiviral.", "VEKLURY"), new("nausea", EntityType.AdverseReaction, "Common.", [])],
            [new RelationMention("remdesivir", "nausea", "adverse reaction", "Nausea was reported.", 1)]),
    ];

    private static readonly ChunkGraph[] DocB =
    [
        new("b-0", "b", [Drug("VEKLURY", "Brand of remdesivir."), new("hypotension", EntityType.AdverseReaction, "Infusion reaction.", [])],
            [new RelationMention("VEKLURY", "hypotension", "infusion reaction", "Hypotension during infusion.", 2)]),
    ];

    [Fact]
    public async Task The_graph_merges_mentions_and_removing_a_document_keeps_exactly_what_others_support()
    {
        await using var f = await CreateAsync();
        var graph = f.Port;

        await graph.ReplaceDocumentAsync("a", DocA, None);
        await graph.ReplaceDocumentAsync("a", DocA, None);
        await graph.ReplaceDocumentAsync("b", DocB, None);

        // The brand name in document b resolves to the entity document a defined it for.
        var remdesivir = Assert.Single(await graph.GetEntitiesAsync(["remdesivir"], None));
        Assert.Equal(2, remdesivir.Mentions);
        Assert.Contains("VEKLURY", remdesivir.Aliases);
        Assert.Equal("remdesivir", (await graph.SearchEntitiesAsync("veklury", 5, None))[0].Id);
        Assert.Equal((3, 2), await graph.CountAsync(None));
        var relations = await graph.GetRelationsOfAsync(["remdesivir"], 10, None);
        Assert.Equal("hypotension|remdesivir", relations[0].Id);
        Assert.Equal(2, relations[0].Weight);
        Assert.Equal("nausea|remdesivir", (await graph.SearchRelationsAsync("adverse reaction nausea", 5, None))[0].Id);
        Assert.Equal([("remdesivir", "a-0")], await graph.GetEntityChunksAsync(["remdesivir"], ["a"], None));
        Assert.Equal([("nausea|remdesivir", "a-0")], await graph.GetRelationChunksAsync(["nausea|remdesivir"], null, None));

        await graph.RemoveDocumentAsync("a", None);

        Assert.Empty(await graph.GetEntitiesAsync(["nausea"], None));
        Assert.Empty(await graph.SearchRelationsAsync("nausea", 5, None));
        var rebuilt = Assert.Single(await graph.GetEntitiesAsync(["remdesivir"], None));
        Assert.Equal(1, rebuilt.Mentions);
        Assert.Equal("Brand of remdesivir.", rebuilt.Description);
        Assert.Equal((2, 1), await graph.CountAsync(None));
    }

    [Fact]
    public async Task Merged_entities_follow_the_shared_policy_for_names_types_descriptions_and_weights()
    {
        await using var f = await CreateAsync();
        var graph = f.Port;
        ChunkGraph Chunk(string chunk, string document, EntityType type, string description, double weight) =>
            new(chunk, document,
                [new EntityMention("Warfarin", type, description, ["Coumadin"]), new EntityMention("INR", EntityType.Biomarker, "A test.", [])],
                [new RelationMention("warfarin", "INR", $"monitoring, {chunk}", "Monitor INR.", weight)]);

        await graph.ReplaceDocumentAsync("d1", [Chunk("d1-0", "d1", EntityType.Drug, "An anticoagulant.", 1), Chunk("d1-1", "d1", EntityType.Drug, "An anticoagulant.", 2)], None);
        await graph.ReplaceDocumentAsync("d2", [Chunk("d2-0", "d2", EntityType.Concept, "A vitamin K antagonist.", 4)], None);

        var warfarin = Assert.Single(await graph.GetEntitiesAsync(["warfarin"], None));
        Assert.Equal(("Warfarin", EntityType.Drug, 3), (warfarin.Name, warfarin.Type, warfarin.Mentions));
        Assert.Equal("An anticoagulant. | A vitamin K antagonist.", warfarin.Description);
        Assert.Equal(["Coumadin"], warfarin.Aliases);
        var relation = Assert.Single(await graph.GetRelationsOfAsync(["inr"], 5, None));
        Assert.Equal(("inr|warfarin", 7.0), (relation.Id, relation.Weight));
        Assert.StartsWith("monitoring, ", relation.Keywords);
        Assert.Equal(["d1-0", "d1-1", "d2-0"], (await graph.GetRelationChunksAsync([relation.Id], null, None)).Select(p => p.ChunkId).Order());
        Assert.Equal(["d2-0"], (await graph.GetEntityChunksAsync(["warfarin"], ["d2"], None)).Select(p => p.ChunkId));

        // Re-processing a document replaces its mentions instead of adding to them.
        await graph.ReplaceDocumentAsync("d1", [Chunk("d1-0", "d1", EntityType.Drug, "An anticoagulant.", 1)], None);
        Assert.Equal(2, Assert.Single(await graph.GetEntitiesAsync(["warfarin"], None)).Mentions);
        Assert.Equal(5.0, Assert.Single(await graph.GetRelationsOfAsync(["warfarin"], 5, None)).Weight);

        await graph.RemoveDocumentAsync("d1", None);
        await graph.RemoveDocumentAsync("d2", None);
        Assert.Equal((0, 0), await graph.CountAsync(None));
        Assert.Empty(await graph.SearchEntitiesAsync("warfarin coumadin", 5, None));
    }

    [Fact]
    public async Task Search_order_after_removals_equals_that_of_a_graph_built_from_what_is_left()
    {
        // BM25 prefers the short name "zeta" to the long one that says "zeta" twice only while the
        // average name is short. A removed document of very long names must leave no trace in the
        // statistics, or the long name wins after the removal where a fresh graph ranks it second.
        static ChunkGraph Names(string document, int chunk, params string[] names) =>
            new($"{document}-{chunk}", document, names.Select(n => new EntityMention(n, EntityType.Concept, "A name.", [])).ToArray(), []);
        var kept = new[]
        {
            Names("kept", 0, "zeta zeta alpha beta gamma delta epsilon eta theta iota", "zeta"),
            Names("kept", 1, "kappa", "lambda", "omicron"),
        };
        var filler = Enumerable.Range(0, 20)
            .Select(i => Names("filler", i, string.Join(' ', Enumerable.Range(0, 60).Select(w => $"lorem{i}x{w}"))))
            .ToArray();

        await using var drifted = await CreateAsync();
        await drifted.Port.ReplaceDocumentAsync("filler", filler, None);
        await drifted.Port.ReplaceDocumentAsync("kept", kept, None);
        await drifted.Port.ReplaceDocumentAsync("filler", filler.Take(10).ToArray(), None);
        await drifted.Port.RemoveDocumentAsync("filler", None);

        await using var fresh = await CreateAsync();
        await fresh.Port.ReplaceDocumentAsync("kept", kept, None);

        var expected = (await fresh.Port.SearchEntitiesAsync("zeta", 5, None)).Select(e => e.Id).ToArray();
        Assert.Equal(2, expected.Length);
        Assert.Equal(expected, (await drifted.Port.SearchEntitiesAsync("zeta", 5, None)).Select(e => e.Id));
        Assert.Equal((5, 0), await drifted.Port.CountAsync(None));
    }

    [Fact]
    public async Task A_walk_returns_the_nearest_entities_first_and_within_a_hop_the_heaviest_joined()
    {
        await using var f = await CreateAsync();
        static RelationMention Edge(string a, string b, double weight) => new(a, b, "related", $"{a} and {b}.", weight);
        // a - b (3), a - c (1), a - d (3); b - e (5), c - e (2), d - f (1); e - g (1): a cycle through e, and a tie at hop 1.
        await f.Port.ReplaceDocumentAsync("doc",
            [new("doc-0", "doc", "abcdefg".Select(n => new EntityMention(n.ToString(), EntityType.Concept, "A node.", [])).ToArray(),
                [Edge("a", "b", 3), Edge("a", "c", 1), Edge("a", "d", 3), Edge("b", "e", 5), Edge("c", "e", 2), Edge("d", "f", 1), Edge("e", "g", 1)])],
            None);

        async Task<string> WalkAsync(int depth, int limit, string start = "a") =>
            string.Join(' ', (await f.Port.WalkAsync(start, depth, limit, None)).Select(w => $"{w.EntityId}{w.Hops}"));

        Assert.Equal("a0", await WalkAsync(0, 10));
        Assert.Equal("a0 b1 d1 c1", await WalkAsync(1, 10));
        Assert.Equal("a0 b1 d1 c1 e2 f2", await WalkAsync(2, 10));
        Assert.Equal("a0 b1 d1 c1 e2 f2 g3", await WalkAsync(4, 10));
        Assert.Equal("a0 b1 d1", await WalkAsync(3, 3));
        Assert.Equal("e0 b1 c1 g1 a2", await WalkAsync(2, 5, "e"));
    }

    [Fact]
    public async Task Query_text_is_data_never_query_syntax()
    {
        await using var f = await CreateAsync();
        await f.Port.ReplaceDocumentAsync("a", DocA, None);

        foreach (var query in new[] { "remdesivir') DETACH DELETE n //", "\"unbalanced (quote* AND OR", "'; DROP TABLE entities; --", "} RETURN 1 //" })
        {
            await f.Port.SearchEntitiesAsync(query, 5, None);
            await f.Port.SearchRelationsAsync(query, 5, None);
        }

        Assert.Equal((2, 1), await f.Port.CountAsync(None));
        Assert.Empty(await f.Port.SearchEntitiesAsync("", 5, None));
    }
}
