using System.Text.Json;
using System.Text.Json.Nodes;
using PharmaRag.Core.Graph;
using PharmaRag.Core.Text;
using S = PharmaRag.Storage.Neo4j.Neo4jStatements;

namespace PharmaRag.Storage.Neo4j;

/// <summary>
/// The knowledge graph in Neo4j, through its HTTP Query API. It follows
/// <see cref="GraphMergePolicy"/> exactly as the SQL stores do: a document's mentions are
/// replaced, then every entity and relation they touched is rebuilt from its remaining mentions
/// and MERGEd by id. Each statement is its own implicit transaction; a rebuild only ever writes
/// what the mentions say, so a later rebuild repairs an aggregate two replicas raced on.
/// </summary>
public sealed class Neo4jGraphStore(Neo4jQueryClient client) : IGraphStore
{
    public async Task ReplaceDocumentAsync(string documentId, IReadOnlyList<ChunkGraph> graphs, CancellationToken cancellationToken)
    {
        var (entities, relations) = await DeleteMentionsAsync(documentId, cancellationToken);
        var keys = GraphMergePolicy.KeysToResolve(graphs);
        var stored = await client.RunAsync(S.ReadAliases, new JsonObject { ["keys"] = Strings(keys) }, cancellationToken);
        var aliases = stored.Values.ToDictionary(v => v[stored.Field("key")].GetString()!, v => v[stored.Field("entityId")].GetString()!, StringComparer.Ordinal);
        var plan = GraphMergePolicy.Plan(documentId, graphs, aliases);

        if (plan.NewAliases.Count > 0)
        {
            await client.RunAsync(S.MergeAliases, new JsonObject
            {
                ["aliases"] = new JsonArray(plan.NewAliases.Select(a => (JsonNode)new JsonObject { ["key"] = a.Key, ["entityId"] = a.Value }).ToArray()),
            }, cancellationToken);
        }
        if (plan.Entities.Count > 0)
        {
            await client.RunAsync(S.MergeEntityMentions, new JsonObject
            {
                ["mentions"] = new JsonArray(plan.Entities.Select(m => (JsonNode)new JsonObject
                {
                    ["entityId"] = m.EntityId, ["chunkId"] = m.ChunkId, ["documentId"] = m.DocumentId, ["name"] = m.Name,
                    ["type"] = m.Type, ["description"] = m.Description, ["aliases"] = Strings(m.Aliases),
                }).ToArray()),
            }, cancellationToken);
        }
        if (plan.Relations.Count > 0)
        {
            await client.RunAsync(S.MergeRelationMentions, new JsonObject
            {
                ["mentions"] = new JsonArray(plan.Relations.Select(m => (JsonNode)new JsonObject
                {
                    ["relationId"] = m.RelationId, ["chunkId"] = m.ChunkId, ["documentId"] = m.DocumentId, ["sourceId"] = m.SourceId,
                    ["targetId"] = m.TargetId, ["keywords"] = m.Keywords, ["description"] = m.Description, ["weight"] = m.Weight,
                }).ToArray()),
            }, cancellationToken);
        }
        entities.UnionWith(plan.Entities.Select(e => e.EntityId));
        relations.UnionWith(plan.Relations.Select(r => r.RelationId));
        await RebuildAsync(entities, relations, cancellationToken);
    }

    public async Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        var (entities, relations) = await DeleteMentionsAsync(documentId, cancellationToken);
        await RebuildAsync(entities, relations, cancellationToken);
    }

    public async Task<IReadOnlyList<Entity>> SearchEntitiesAsync(string query, int limit, CancellationToken cancellationToken) =>
        FullTextQuery(query) is { Length: > 0 } text
            ? ReadEntities(await client.RunAsync(S.SearchEntities, new JsonObject { ["query"] = text, ["limit"] = limit }, cancellationToken))
            : [];

    public async Task<IReadOnlyList<Relation>> SearchRelationsAsync(string query, int limit, CancellationToken cancellationToken) =>
        FullTextQuery(query) is { Length: > 0 } text
            ? ReadRelations(await client.RunAsync(S.SearchRelations, new JsonObject { ["query"] = text, ["limit"] = limit }, cancellationToken))
            : [];

    public Task<IReadOnlyList<(string EntityId, string ChunkId)>> GetEntityChunksAsync(
        IReadOnlyCollection<string> entityIds, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        PairsAsync(S.EntityChunks, entityIds, documentIds, cancellationToken);

    public Task<IReadOnlyList<(string RelationId, string ChunkId)>> GetRelationChunksAsync(
        IReadOnlyCollection<string> relationIds, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        PairsAsync(S.RelationChunks, relationIds, documentIds, cancellationToken);

    public async Task<IReadOnlyList<Relation>> GetRelationsOfAsync(IReadOnlyCollection<string> entityIds, int limit, CancellationToken cancellationToken) =>
        entityIds.Count == 0
            ? []
            : ReadRelations(await client.RunAsync(S.RelationsOf, new JsonObject { ["ids"] = Strings(entityIds), ["limit"] = limit }, cancellationToken));

    public Task<IReadOnlyList<WalkedEntity>> WalkAsync(string startId, int depth, int limit, CancellationToken cancellationToken) =>
        GraphWalk.BreadthFirstAsync(this, startId, depth, limit, cancellationToken);

    public async Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : ReadEntities(await client.RunAsync(S.Entities, new JsonObject { ["ids"] = Strings(ids) }, cancellationToken));

    public async Task<(int Entities, int Relations)> CountAsync(CancellationToken cancellationToken)
    {
        var result = await client.RunAsync(S.Count, [], cancellationToken);
        var row = result.Values.Single();
        return (row[result.Field("entities")].GetInt32(), row[result.Field("relations")].GetInt32());
    }

    private async Task<(HashSet<string> Entities, HashSet<string> Relations)> DeleteMentionsAsync(string documentId, CancellationToken cancellationToken)
    {
        var entities = await client.RunAsync(S.DeleteEntityMentions, new JsonObject { ["documentId"] = documentId }, cancellationToken);
        var relations = await client.RunAsync(S.DeleteRelationMentions, new JsonObject { ["documentId"] = documentId }, cancellationToken);
        return (entities.Values.Select(v => v[0].GetString()!).ToHashSet(StringComparer.Ordinal),
            relations.Values.Select(v => v[0].GetString()!).ToHashSet(StringComparer.Ordinal));
    }

    private async Task RebuildAsync(HashSet<string> entityIds, HashSet<string> relationIds, CancellationToken cancellationToken)
    {
        var entityMentions = entityIds.Count == 0 ? [] : ReadEntityMentions(
            await client.RunAsync(S.ReadEntityMentions, new JsonObject { ["ids"] = Strings(entityIds) }, cancellationToken));
        var merged = entityIds.Select(id => (Id: id, Entity: GraphMergePolicy.MergeEntity(id, entityMentions.Where(m => m.EntityId == id))))
            .ToArray();
        var live = merged.Where(m => m.Entity is not null).Select(m => m.Entity!).ToArray();
        var retired = merged.Where(m => m.Entity is null).Select(m => m.Id).ToArray();
        if (live.Length > 0)
        {
            await client.RunAsync(S.MergeEntities, new JsonObject
            {
                ["entities"] = new JsonArray(live.Select(e => (JsonNode)new JsonObject
                {
                    ["id"] = e.Id, ["name"] = e.Name, ["type"] = e.Type.ToString(), ["description"] = e.Description,
                    ["aliases"] = Strings(e.Aliases), ["mentions"] = e.Mentions, ["searchText"] = GraphMergePolicy.SearchText(e),
                }).ToArray()),
            }, cancellationToken);
        }
        if (retired.Length > 0)
        {
            await client.RunAsync(S.RetireEntities, new JsonObject { ["ids"] = Strings(retired) }, cancellationToken);
        }

        var relationMentions = relationIds.Count == 0 ? [] : ReadRelationMentions(
            await client.RunAsync(S.ReadRelationMentions, new JsonObject { ["ids"] = Strings(relationIds) }, cancellationToken));
        var relations = relationIds.Select(id => (Id: id, Relation: GraphMergePolicy.MergeRelation(id, relationMentions.Where(m => m.RelationId == id))))
            .ToArray();
        var kept = relations.Where(r => r.Relation is not null).Select(r => r.Relation!).ToArray();
        var dropped = relations.Where(r => r.Relation is null).Select(r => r.Id).ToArray();
        var orphans = new HashSet<string>(retired, StringComparer.Ordinal);
        if (dropped.Length > 0)
        {
            var ends = await client.RunAsync(S.DeleteRelations, new JsonObject { ["ids"] = Strings(dropped) }, cancellationToken);
            orphans.UnionWith(ends.Values.SelectMany(v => new[] { v[ends.Field("sourceId")].GetString()!, v[ends.Field("targetId")].GetString()! }));
        }
        if (kept.Length > 0)
        {
            await client.RunAsync(S.MergeRelations, new JsonObject
            {
                ["relations"] = new JsonArray(kept.Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = r.Id, ["sourceId"] = r.SourceId, ["targetId"] = r.TargetId, ["keywords"] = r.Keywords,
                    ["description"] = r.Description, ["weight"] = r.Weight, ["searchText"] = GraphMergePolicy.SearchText(r),
                }).ToArray()),
            }, cancellationToken);
        }
        if (orphans.Count > 0)
        {
            await client.RunAsync(S.DeleteOrphans, new JsonObject { ["ids"] = Strings(orphans) }, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<(string, string)>> PairsAsync(
        string statement, IReadOnlyCollection<string> ids, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var result = await client.RunAsync(statement, new JsonObject
        {
            ["ids"] = Strings(ids),
            ["documentIds"] = documentIds is { Count: > 0 } ? Strings(documentIds) : null,
        }, cancellationToken);
        return result.Values.Select(v => (v[result.Field("id")].GetString()!, v[result.Field("chunkId")].GetString()!)).ToArray();
    }

    // Lucene syntax is built from the query's words only, each quoted, so no query text is read as syntax.
    internal static string FullTextQuery(string query) =>
        string.Join(" OR ", TermAnalyzer.Words(query).Distinct().Select(w => "\"" + w.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static List<EntityMentionRecord> ReadEntityMentions(Neo4jResult r) => r.Values.Select(v => new EntityMentionRecord(
        Text(v, r, "entityId"), Text(v, r, "chunkId"), Text(v, r, "documentId"), Text(v, r, "name"), Text(v, r, "type"),
        Text(v, r, "description"), TextList(v, r, "aliases"))).ToList();

    private static List<RelationMentionRecord> ReadRelationMentions(Neo4jResult r) => r.Values.Select(v => new RelationMentionRecord(
        Text(v, r, "relationId"), Text(v, r, "chunkId"), Text(v, r, "documentId"), Text(v, r, "sourceId"), Text(v, r, "targetId"),
        Text(v, r, "keywords"), Text(v, r, "description"), v[r.Field("weight")].GetDouble())).ToList();

    private static Entity[] ReadEntities(Neo4jResult r) => r.Values.Select(v => new Entity(
        Text(v, r, "id"), Text(v, r, "name"), Enum.TryParse<EntityType>(Text(v, r, "type"), out var type) ? type : EntityType.Concept,
        Text(v, r, "description"), TextList(v, r, "aliases"), v[r.Field("mentions")].GetInt32())).ToArray();

    private static Relation[] ReadRelations(Neo4jResult r) => r.Values.Select(v => new Relation(
        Text(v, r, "id"), Text(v, r, "sourceId"), Text(v, r, "targetId"), Text(v, r, "keywords"), Text(v, r, "description"),
        v[r.Field("weight")].GetDouble())).ToArray();

    private static string Text(JsonElement[] row, Neo4jResult result, string field) =>
        row[result.Field(field)] is { ValueKind: JsonValueKind.String } value ? value.GetString()! : "";

    private static string[] TextList(JsonElement[] row, Neo4jResult result, string field) =>
        row[result.Field(field)] is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [];
}
