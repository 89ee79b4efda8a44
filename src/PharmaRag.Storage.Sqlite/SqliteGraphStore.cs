using System.Text.Json;
using Microsoft.Data.Sqlite;
using PharmaRag.Core.Graph;

namespace PharmaRag.Storage.Sqlite;

/// <summary>
/// The knowledge graph in SQLite: mentions per chunk are the source of truth; entities and
/// relations are aggregates that <see cref="GraphMergePolicy"/> rebuilds from their remaining
/// mentions whenever a document's mentions change, and FTS5 tables make them searchable by
/// name, alias and keywords.
/// </summary>
public sealed class SqliteGraphStore(SqliteDatabase database) : IGraphStore
{
    public Task ReplaceDocumentAsync(string documentId, IReadOnlyList<ChunkGraph> graphs, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            var (entities, relations) = await DeleteMentionsAsync(c, t, documentId, cancellationToken);
            var plan = GraphMergePolicy.Plan(documentId, graphs, await ReadAliasesAsync(c, t, GraphMergePolicy.KeysToResolve(graphs), cancellationToken));
            await InsertMentionsAsync(c, t, plan, cancellationToken);
            entities.UnionWith(plan.Entities.Select(e => e.EntityId));
            relations.UnionWith(plan.Relations.Select(r => r.RelationId));
            await RebuildAsync(c, t, entities, relations, cancellationToken);
        }, cancellationToken);

    public Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            var (entities, relations) = await DeleteMentionsAsync(c, t, documentId, cancellationToken);
            await RebuildAsync(c, t, entities, relations, cancellationToken);
        }, cancellationToken);

    private static async Task<(HashSet<string> Entities, HashSet<string> Relations)> DeleteMentionsAsync(
        SqliteConnection c, SqliteTransaction t, string documentId, CancellationToken cancellationToken)
    {
        var entities = await ReadStringsAsync(c, t, "DELETE FROM entity_mentions WHERE document_id = $d RETURNING entity_id", documentId, cancellationToken);
        var relations = await ReadStringsAsync(c, t, "DELETE FROM relation_mentions WHERE document_id = $d RETURNING relation_id", documentId, cancellationToken);
        return (entities.ToHashSet(StringComparer.Ordinal), relations.ToHashSet(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<string, string>> ReadAliasesAsync(
        SqliteConnection c, SqliteTransaction t, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var slice in keys.Chunk(500))
        {
            await using var command = c.Command("", t);
            command.CommandText = $"SELECT alias_key, entity_id FROM entity_aliases WHERE alias_key IN ({command.AddList("k", slice)})";
            foreach (var (key, id) in await ReadAllAsync(command, r => (r.GetString(0), r.GetString(1)), cancellationToken))
            {
                aliases[key] = id;
            }
        }
        return aliases;
    }

    private static async Task InsertMentionsAsync(SqliteConnection c, SqliteTransaction t, GraphWritePlan plan, CancellationToken cancellationToken)
    {
        foreach (var (key, id) in plan.NewAliases)
        {
            await ExecuteAsync(c, t, "INSERT INTO entity_aliases (alias_key, entity_id) VALUES ($a, $e) ON CONFLICT DO NOTHING",
                cancellationToken, ("$a", key), ("$e", id));
        }
        foreach (var m in plan.Entities)
        {
            await ExecuteAsync(c, t,
                """
                INSERT INTO entity_mentions (entity_id, chunk_id, document_id, name, type, description, aliases)
                VALUES ($e, $c, $d, $n, $t, $s, $a)
                ON CONFLICT(entity_id, chunk_id) DO UPDATE SET description = excluded.description
                """, cancellationToken,
                ("$e", m.EntityId), ("$c", m.ChunkId), ("$d", m.DocumentId), ("$n", m.Name), ("$t", m.Type),
                ("$s", m.Description), ("$a", JsonSerializer.Serialize(m.Aliases)));
        }
        foreach (var m in plan.Relations)
        {
            await ExecuteAsync(c, t,
                """
                INSERT INTO relation_mentions (relation_id, chunk_id, document_id, source_id, target_id, keywords, description, weight)
                VALUES ($r, $c, $d, $s, $t, $k, $x, $w)
                ON CONFLICT(relation_id, chunk_id) DO UPDATE SET weight = weight + excluded.weight
                """, cancellationToken,
                ("$r", m.RelationId), ("$c", m.ChunkId), ("$d", m.DocumentId), ("$s", m.SourceId), ("$t", m.TargetId),
                ("$k", m.Keywords), ("$x", m.Description), ("$w", m.Weight));
        }
    }

    // Entities and relations that lost or gained mentions are recomputed from what remains.
    private static async Task RebuildAsync(
        SqliteConnection c, SqliteTransaction t, HashSet<string> entities, HashSet<string> relations, CancellationToken cancellationToken)
    {
        foreach (var id in entities)
        {
            await using var read = c.Command(
                "SELECT entity_id, chunk_id, document_id, name, type, description, aliases FROM entity_mentions WHERE entity_id = $e", t, ("$e", id));
            var mentions = await ReadAllAsync(read, r => new EntityMentionRecord(r.GetString(0), r.GetString(1), r.GetString(2),
                r.GetString(3), r.GetString(4), r.GetString(5), JsonSerializer.Deserialize<string[]>(r.GetString(6)) ?? []), cancellationToken);
            await DeleteFtsAsync(c, t, "entities", "entity_fts", id, cancellationToken);
            if (GraphMergePolicy.MergeEntity(id, mentions) is not { } entity)
            {
                await ExecuteAsync(c, t, "DELETE FROM entities WHERE id = $id", cancellationToken, ("$id", id));
                continue;
            }
            var seq = await UpsertAsync(c, t,
                """
                INSERT INTO entities (id, name, type, description, aliases, mentions) VALUES ($id, $n, $t, $s, $a, $m)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, description = excluded.description,
                    aliases = excluded.aliases, mentions = excluded.mentions
                RETURNING seq
                """, cancellationToken,
                ("$id", id), ("$n", entity.Name), ("$t", entity.Type.ToString()), ("$s", entity.Description),
                ("$a", JsonSerializer.Serialize(entity.Aliases)), ("$m", entity.Mentions));
            await ExecuteAsync(c, t, "INSERT INTO entity_fts (rowid, text) VALUES ($r, $x)", cancellationToken,
                ("$r", seq), ("$x", GraphMergePolicy.SearchText(entity)));
        }

        foreach (var id in relations)
        {
            await using var read = c.Command(
                "SELECT relation_id, chunk_id, document_id, source_id, target_id, keywords, description, weight FROM relation_mentions WHERE relation_id = $r",
                t, ("$r", id));
            var mentions = await ReadAllAsync(read, r => new RelationMentionRecord(r.GetString(0), r.GetString(1), r.GetString(2),
                r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetDouble(7)), cancellationToken);
            await DeleteFtsAsync(c, t, "relations", "relation_fts", id, cancellationToken);
            if (GraphMergePolicy.MergeRelation(id, mentions) is not { } relation)
            {
                await ExecuteAsync(c, t, "DELETE FROM relations WHERE id = $id", cancellationToken, ("$id", id));
                continue;
            }
            var seq = await UpsertAsync(c, t,
                """
                INSERT INTO relations (id, source_id, target_id, keywords, description, weight) VALUES ($id, $s, $t, $k, $x, $w)
                ON CONFLICT(id) DO UPDATE SET keywords = excluded.keywords, description = excluded.description, weight = excluded.weight
                RETURNING seq
                """, cancellationToken,
                ("$id", id), ("$s", relation.SourceId), ("$t", relation.TargetId), ("$k", relation.Keywords),
                ("$x", relation.Description), ("$w", relation.Weight));
            await ExecuteAsync(c, t, "INSERT INTO relation_fts (rowid, text) VALUES ($r, $x)", cancellationToken,
                ("$r", seq), ("$x", GraphMergePolicy.SearchText(relation)));
        }
    }

    /// <summary>Fills the (empty) search tables from the stored entities and relations, for a schema upgrade.</summary>
    internal static async Task FillSearchTablesAsync(SqliteConnection c, SqliteTransaction t, CancellationToken cancellationToken)
    {
        await using var entities = c.Command($"SELECT seq, {EntityColumns} FROM entities", t);
        foreach (var (seq, entity) in await ReadAllAsync(entities, r => (r.GetInt64(0), ReadEntity(r, 1)), cancellationToken))
        {
            await ExecuteAsync(c, t, "INSERT INTO entity_fts (rowid, text) VALUES ($r, $x)", cancellationToken,
                ("$r", seq), ("$x", GraphMergePolicy.SearchText(entity)));
        }
        await using var relations = c.Command($"SELECT seq, {RelationColumns} FROM relations", t);
        foreach (var (seq, relation) in await ReadAllAsync(relations, r => (r.GetInt64(0), ReadRelation(r, 1)), cancellationToken))
        {
            await ExecuteAsync(c, t, "INSERT INTO relation_fts (rowid, text) VALUES ($r, $x)", cancellationToken,
                ("$r", seq), ("$x", GraphMergePolicy.SearchText(relation)));
        }
    }

    public Task<IReadOnlyList<Entity>> SearchEntitiesAsync(string query, int limit, CancellationToken cancellationToken) =>
        SearchAsync(query, limit, "entity_fts", "entities", EntityColumns, ReadEntity, cancellationToken);

    public Task<IReadOnlyList<Relation>> SearchRelationsAsync(string query, int limit, CancellationToken cancellationToken) =>
        SearchAsync(query, limit, "relation_fts", "relations", RelationColumns, ReadRelation, cancellationToken);

    public Task<IReadOnlyList<(string EntityId, string ChunkId)>> GetEntityChunksAsync(
        IReadOnlyCollection<string> entityIds, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        PairsAsync("SELECT entity_id, chunk_id FROM entity_mentions", "entity_id", entityIds, documentIds, cancellationToken);

    public Task<IReadOnlyList<(string RelationId, string ChunkId)>> GetRelationChunksAsync(
        IReadOnlyCollection<string> relationIds, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        PairsAsync("SELECT relation_id, chunk_id FROM relation_mentions", "relation_id", relationIds, documentIds, cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsOfAsync(IReadOnlyCollection<string> entityIds, int limit, CancellationToken cancellationToken) =>
        entityIds.Count == 0
            ? Task.FromResult<IReadOnlyList<Relation>>([])
            : database.ReadAsync<IReadOnlyList<Relation>>(async c =>
            {
                await using var command = c.Command("", null, ("$limit", limit));
                var list = command.AddList("e", entityIds);
                command.CommandText =
                    $"SELECT {RelationColumns} FROM relations WHERE source_id IN ({list}) OR target_id IN ({list}) ORDER BY weight DESC, id LIMIT $limit";
                return await ReadAllAsync(command, ReadRelation, cancellationToken);
            }, cancellationToken);

    public Task<IReadOnlyList<WalkedEntity>> WalkAsync(string startId, int depth, int limit, CancellationToken cancellationToken) =>
        GraphWalk.BreadthFirstAsync(this, startId, depth, limit, cancellationToken);

    public Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<Entity>>([])
            : database.ReadAsync<IReadOnlyList<Entity>>(async c =>
            {
                await using var command = c.CreateCommand();
                command.CommandText = $"SELECT {EntityColumns} FROM entities WHERE id IN ({command.AddList("e", ids)})";
                return await ReadAllAsync(command, ReadEntity, cancellationToken);
            }, cancellationToken);

    public Task<(int Entities, int Relations)> CountAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT (SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM relations)");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt32(0), reader.GetInt32(1));
        }, cancellationToken);

    private const string EntityColumns = "id, name, type, description, aliases, mentions";
    private const string RelationColumns = "id, source_id, target_id, keywords, description, weight";

    private static Entity ReadEntity(SqliteDataReader r) => ReadEntity(r, 0);

    private static Entity ReadEntity(SqliteDataReader r, int at) => new(
        r.GetString(at), r.GetString(at + 1), Enum.Parse<EntityType>(r.GetString(at + 2)), r.GetString(at + 3),
        JsonSerializer.Deserialize<string[]>(r.GetString(at + 4)) ?? [], r.GetInt32(at + 5));

    private static Relation ReadRelation(SqliteDataReader r) => ReadRelation(r, 0);

    private static Relation ReadRelation(SqliteDataReader r, int at) => new(
        r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), r.GetString(at + 3), r.GetString(at + 4), r.GetDouble(at + 5));

    private Task<IReadOnlyList<T>> SearchAsync<T>(
        string query, int limit, string fts, string table, string columns, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var match = SqliteKeywordIndex.ToMatchExpression(query);
        return match.Length == 0
            ? Task.FromResult<IReadOnlyList<T>>([])
            : database.ReadAsync(async c =>
            {
                await using var command = c.Command(
                    $"SELECT {string.Join(", ", columns.Split(", ").Select(x => "t." + x))} FROM {fts} f JOIN {table} t ON t.seq = f.rowid " +
                    $"WHERE {fts} MATCH $m ORDER BY bm25({fts}) LIMIT $limit", null, ("$m", match), ("$limit", limit));
                return await ReadAllAsync(command, read, cancellationToken);
            }, cancellationToken);
    }

    private Task<IReadOnlyList<(string, string)>> PairsAsync(
        string select, string keyColumn, IReadOnlyCollection<string> keys, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        keys.Count == 0
            ? Task.FromResult<IReadOnlyList<(string, string)>>([])
            : database.ReadAsync<IReadOnlyList<(string, string)>>(async c =>
            {
                await using var command = c.CreateCommand();
                var filter = documentIds is { Count: > 0 } ? $" AND document_id IN ({command.AddList("d", documentIds)})" : "";
                command.CommandText = $"{select} WHERE {keyColumn} IN ({command.AddList("k", keys)}){filter}";
                return await ReadAllAsync(command, r => (r.GetString(0), r.GetString(1)), cancellationToken);
            }, cancellationToken);

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }
        return items;
    }

    private static async Task DeleteFtsAsync(SqliteConnection c, SqliteTransaction t, string table, string fts, string id, CancellationToken cancellationToken) =>
        await ExecuteAsync(c, t, $"DELETE FROM {fts} WHERE rowid = (SELECT seq FROM {table} WHERE id = $id)", cancellationToken, ("$id", id));

    private static async Task<List<string>> ReadStringsAsync(SqliteConnection c, SqliteTransaction t, string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = c.Command(sql, t, ("$d", value));
        return (await ReadAllAsync(command, r => r.GetString(0), cancellationToken)).ToList();
    }

    private static async Task ExecuteAsync(SqliteConnection c, SqliteTransaction t, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = c.Command(sql, t, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> UpsertAsync(SqliteConnection c, SqliteTransaction t, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = c.Command(sql, t, parameters);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
