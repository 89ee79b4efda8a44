namespace PharmaRag.Core.Graph;

/// <summary>
/// How mentions become the graph, shared by every graph store so that they all build the same
/// graph from the same documents. Mentions are the source of truth; an entity or relation is an
/// aggregate recomputed from whatever mentions remain:
/// <list type="bullet">
/// <item>names resolve through aliases (a brand name someone defined as an alias of a generic
/// joins that entity; the first definition of an alias wins);</item>
/// <item>an entity is named by its canonical mentions (those whose key is its id), its type is
/// the majority type, its aliases are every other name it was given;</item>
/// <item>descriptions keep the most frequent few; relation keywords the most frequent eight;
/// relation weights add up; relations are undirected and never loop on one entity.</item>
/// </list>
/// </summary>
public static class GraphMergePolicy
{
    public const int MaxDescriptions = 3;
    public const int MaxKeywords = 8;

    /// <summary>Every key the plan for these graphs may need to resolve through stored aliases.</summary>
    public static IReadOnlyCollection<string> KeysToResolve(IReadOnlyList<ChunkGraph> graphs) =>
        graphs.SelectMany(g => g.Entities.SelectMany(e => e.Aliases.Select(EntityKey.Of).Append(e.Key))
                .Concat(g.Relations.SelectMany(r => new[] { EntityKey.Of(r.Source), EntityKey.Of(r.Target) })))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Resolves a document's mentions. <paramref name="storedAliases"/> holds the store's alias
    /// mappings for <see cref="KeysToResolve"/>; repeated mentions in one chunk fold into one
    /// (the last entity description wins, relation weights add up).
    /// </summary>
    public static GraphWritePlan Plan(string documentId, IReadOnlyList<ChunkGraph> graphs, IReadOnlyDictionary<string, string> storedAliases)
    {
        var aliases = new Dictionary<string, string>(storedAliases, StringComparer.Ordinal);
        var added = new List<KeyValuePair<string, string>>();
        foreach (var mention in graphs.SelectMany(g => g.Entities))
        {
            foreach (var name in mention.Aliases)
            {
                var key = EntityKey.Of(name);
                if (aliases.TryAdd(key, mention.Key))
                {
                    added.Add(new(key, mention.Key));
                }
            }
        }
        string Resolve(string key) => aliases.GetValueOrDefault(key, key);

        var entities = new Dictionary<(string, string), EntityMentionRecord>();
        var relations = new Dictionary<(string, string), RelationMentionRecord>();
        foreach (var graph in graphs)
        {
            foreach (var mention in graph.Entities)
            {
                var id = Resolve(mention.Key);
                entities[(id, graph.ChunkId)] = entities.TryGetValue((id, graph.ChunkId), out var first)
                    ? first with { Description = mention.Description }
                    : new EntityMentionRecord(id, graph.ChunkId, documentId, mention.Name, mention.Type.ToString(), mention.Description, mention.Aliases);
            }
            foreach (var mention in graph.Relations)
            {
                var source = Resolve(EntityKey.Of(mention.Source));
                var target = Resolve(EntityKey.Of(mention.Target));
                if (source == target)
                {
                    continue;
                }
                var id = RelationMention.RelationKey(source, target);
                relations[(id, graph.ChunkId)] = relations.TryGetValue((id, graph.ChunkId), out var first)
                    ? first with { Weight = first.Weight + mention.Weight }
                    : new RelationMentionRecord(id, graph.ChunkId, documentId, source, target, mention.Keywords, mention.Description, mention.Weight);
            }
        }
        return new GraphWritePlan(added, entities.Values.ToArray(), relations.Values.ToArray());
    }

    /// <summary>The entity its remaining mentions make, or null when none remain.</summary>
    public static Entity? MergeEntity(string id, IEnumerable<EntityMentionRecord> remaining)
    {
        var mentions = remaining.OrderBy(m => m.ChunkId, StringComparer.Ordinal).ToArray();
        if (mentions.Length == 0)
        {
            return null;
        }
        // The entity is named as its id says (the generic name); brand names and acronyms become aliases.
        var canonical = mentions.Where(m => EntityKey.Of(m.Name) == id).Select(m => m.Name).ToArray();
        var name = MostCommon(canonical.Length > 0 ? canonical : mentions.Select(m => m.Name));
        var aliases = mentions.SelectMany(m => m.Aliases.Append(m.Name))
            .Where(a => EntityKey.Of(a) != EntityKey.Of(name)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var type = Enum.TryParse<EntityType>(MostCommon(mentions.Select(m => m.Type)), out var parsed) ? parsed : EntityType.Concept;
        return new Entity(id, name, type, Describe(mentions.Select(m => m.Description)), aliases, mentions.Length);
    }

    /// <summary>The relation its remaining mentions make, or null when none remain.</summary>
    public static Relation? MergeRelation(string id, IEnumerable<RelationMentionRecord> remaining)
    {
        var mentions = remaining.OrderBy(m => m.ChunkId, StringComparer.Ordinal).ToArray();
        if (mentions.Length == 0)
        {
            return null;
        }
        var keywords = string.Join(", ", mentions.SelectMany(m => m.Keywords.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(k => k).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(MaxKeywords));
        return new Relation(id, mentions[0].SourceId, mentions[0].TargetId, keywords,
            Describe(mentions.Select(m => m.Description)), mentions.Sum(m => m.Weight));
    }

    /// <summary>The text an entity is found by: its name and aliases.</summary>
    public static string SearchText(Entity entity) => string.Join(' ', entity.Aliases.Prepend(entity.Name));

    /// <summary>The text a relation is found by: its endpoints, keywords and description.</summary>
    public static string SearchText(Relation relation) =>
        $"{relation.SourceId} {relation.TargetId} {relation.Keywords} {relation.Description}";

    private static string MostCommon(IEnumerable<string> values) =>
        values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    private static string Describe(IEnumerable<string> descriptions) =>
        string.Join(" | ", descriptions.GroupBy(d => d).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(MaxDescriptions));
}
