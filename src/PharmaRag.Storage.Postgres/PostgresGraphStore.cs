using Npgsql;
using PharmaRag.Core.Graph;

namespace PharmaRag.Storage.Postgres;

/// <summary>
/// The knowledge graph in PostgreSQL tables, built by <see cref="GraphMergePolicy"/> exactly as
/// the SQLite graph is: mentions per chunk are the source of truth, entities and relations are
/// aggregates recomputed from their remaining mentions. Graph writes from all replicas take one
/// advisory lock, so two documents that share an entity never rebuild it from different
/// snapshots. Entities and relations are searched with full-text (tsvector, GIN).
/// </summary>
public sealed class PostgresGraphStore(PostgresDatabase database) : IGraphStore
{
    private const string EntityColumns = "id, name, type, description, aliases, mentions";
    private const string RelationColumns = "id, source_id, target_id, keywords, description, weight";

    // Builds an OR query of the text's own lexemes; each is quoted, so no query text is read as tsquery syntax.
    private const string QueryOf =
        "(SELECT string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery AS q FROM unnest(to_tsvector('english', @query))) query";

    public Task ReplaceDocumentAsync(string documentId, IReadOnlyList<ChunkGraph> graphs, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var (entities, relations) = await DeleteMentionsAsync(c, t, documentId, cancellationToken);
            var plan = GraphMergePolicy.Plan(documentId, graphs, await ReadAliasesAsync(c, t, GraphMergePolicy.KeysToResolve(graphs), cancellationToken));
            await InsertMentionsAsync(c, t, plan, cancellationToken);
            entities.UnionWith(plan.Entities.Select(e => e.EntityId));
            relations.UnionWith(plan.Relations.Select(r => r.RelationId));
            await RebuildAsync(c, t, entities, relations, cancellationToken);
        }, cancellationToken);

    public Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var (entities, relations) = await DeleteMentionsAsync(c, t, documentId, cancellationToken);
            await RebuildAsync(c, t, entities, relations, cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<Entity>> SearchEntitiesAsync(string query, int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            $"SELECT {EntityColumns} FROM entities, {QueryOf} WHERE search @@ query.q ORDER BY ts_rank(search, query.q) DESC, id LIMIT @limit",
            ReadEntity, cancellationToken, ("query", query), ("limit", limit));

    public Task<IReadOnlyList<Relation>> SearchRelationsAsync(string query, int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            $"SELECT {RelationColumns} FROM relations, {QueryOf} WHERE search @@ query.q ORDER BY ts_rank(search, query.q) DESC, id LIMIT @limit",
            ReadRelation, cancellationToken, ("query", query), ("limit", limit));

    public Task<IReadOnlyList<(string EntityId, string ChunkId)>> GetEntityChunksAsync(
        IReadOnlyCollection<string> entityIds, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        PairsAsync("SELECT entity_id, chunk_id FROM entity_mentions WHERE entity_id = ANY(@keys)", entityIds, documentIds, cancellationToken);

    public Task<IReadOnlyList<(string RelationId, string ChunkId)>> GetRelationChunksAsync(
        IReadOnlyCollection<string> relationIds, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        PairsAsync("SELECT relation_id, chunk_id FROM relation_mentions WHERE relation_id = ANY(@keys)", relationIds, documentIds, cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsOfAsync(IReadOnlyCollection<string> entityIds, int limit, CancellationToken cancellationToken) =>
        entityIds.Count == 0
            ? Task.FromResult<IReadOnlyList<Relation>>([])
            : ReadAsync(
                $"SELECT {RelationColumns} FROM relations WHERE source_id = ANY(@e) OR target_id = ANY(@e) ORDER BY weight DESC, id LIMIT @limit",
                ReadRelation, cancellationToken, ("e", entityIds.ToArray()), ("limit", limit));

    // One recursive query walks every hop. Each row is an entity reached in some number of hops by
    // a relation of some weight; an entity's first hop and heaviest relation into it decide its place.
    // The rows the UNION keeps are bounded by entities x depth x distinct weights, so no path is
    // followed twice at the same length.
    public Task<IReadOnlyList<WalkedEntity>> WalkAsync(string startId, int depth, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync(
            """
            WITH RECURSIVE walk (id, hops, weight) AS (
                SELECT @start::text, 0, 0::double precision
                UNION
                SELECT CASE WHEN r.source_id = walk.id THEN r.target_id ELSE r.source_id END, walk.hops + 1, r.weight
                FROM walk JOIN relations r ON r.source_id = walk.id OR r.target_id = walk.id
                WHERE walk.hops < @depth)
            SELECT id, hops FROM (SELECT DISTINCT ON (id) id, hops, weight FROM walk ORDER BY id, hops, weight DESC) first_reached
            ORDER BY hops, weight DESC, id COLLATE "C" LIMIT @limit
            """,
            r => new WalkedEntity(r.GetString(0), r.GetInt32(1)), cancellationToken, ("start", startId), ("depth", depth), ("limit", limit));
    }

    public Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<Entity>>([])
            : ReadAsync($"SELECT {EntityColumns} FROM entities WHERE id = ANY(@ids)", ReadEntity, cancellationToken, ("ids", ids.ToArray()));

    public Task<(int Entities, int Relations)> CountAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = c.Command("SELECT (SELECT COUNT(*) FROM entities)::int, (SELECT COUNT(*) FROM relations)::int");
            var counts = await command.ReadListAsync(r => (r.GetInt32(0), r.GetInt32(1)), cancellationToken);
            return counts[0];
        }, cancellationToken);

    private Task WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(t, "SELECT pg_advisory_xact_lock(hashtext('pharmarag.graph'))", cancellationToken);
            await work(c, t);
        }, cancellationToken);

    private static async Task<(HashSet<string> Entities, HashSet<string> Relations)> DeleteMentionsAsync(
        NpgsqlConnection c, NpgsqlTransaction t, string documentId, CancellationToken cancellationToken)
    {
        await using var entities = c.Command("DELETE FROM entity_mentions WHERE document_id = @d RETURNING entity_id", t, ("d", documentId));
        var entityIds = await entities.ReadListAsync(r => r.GetString(0), cancellationToken);
        await using var relations = c.Command("DELETE FROM relation_mentions WHERE document_id = @d RETURNING relation_id", t, ("d", documentId));
        var relationIds = await relations.ReadListAsync(r => r.GetString(0), cancellationToken);
        return (entityIds.ToHashSet(StringComparer.Ordinal), relationIds.ToHashSet(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<string, string>> ReadAliasesAsync(
        NpgsqlConnection c, NpgsqlTransaction t, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var command = c.Command("SELECT alias_key, entity_id FROM entity_aliases WHERE alias_key = ANY(@k)", t, ("k", keys.ToArray()));
        return (await command.ReadListAsync(r => (r.GetString(0), r.GetString(1)), cancellationToken))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }

    private static async Task InsertMentionsAsync(NpgsqlConnection c, NpgsqlTransaction t, GraphWritePlan plan, CancellationToken cancellationToken)
    {
        await c.ExecuteAsync(t,
            "INSERT INTO entity_aliases (alias_key, entity_id) SELECT * FROM unnest(@k, @e) ON CONFLICT DO NOTHING", cancellationToken,
            ("k", plan.NewAliases.Select(a => a.Key).ToArray()), ("e", plan.NewAliases.Select(a => a.Value).ToArray()));
        foreach (var m in plan.Entities)
        {
            await c.ExecuteAsync(t,
                """
                INSERT INTO entity_mentions (entity_id, chunk_id, document_id, name, type, description, aliases)
                VALUES (@e, @c, @d, @n, @t, @s, @a)
                ON CONFLICT (entity_id, chunk_id) DO UPDATE SET description = excluded.description
                """, cancellationToken,
                ("e", m.EntityId), ("c", m.ChunkId), ("d", m.DocumentId), ("n", m.Name), ("t", m.Type), ("s", m.Description),
                ("a", m.Aliases.ToArray()));
        }
        foreach (var m in plan.Relations)
        {
            await c.ExecuteAsync(t,
                """
                INSERT INTO relation_mentions (relation_id, chunk_id, document_id, source_id, target_id, keywords, description, weight)
                VALUES (@r, @c, @d, @s, @t, @k, @x, @w)
                ON CONFLICT (relation_id, chunk_id) DO UPDATE SET weight = relation_mentions.weight + excluded.weight
                """, cancellationToken,
                ("r", m.RelationId), ("c", m.ChunkId), ("d", m.DocumentId), ("s", m.SourceId), ("t", m.TargetId),
                ("k", m.Keywords), ("x", m.Description), ("w", m.Weight));
        }
    }

    private static async Task RebuildAsync(
        NpgsqlConnection c, NpgsqlTransaction t, HashSet<string> entityIds, HashSet<string> relationIds, CancellationToken cancellationToken)
    {
        await using var readEntities = c.Command(
            "SELECT entity_id, chunk_id, document_id, name, type, description, aliases FROM entity_mentions WHERE entity_id = ANY(@ids)",
            t, ("ids", entityIds.ToArray()));
        var entityMentions = (await readEntities.ReadListAsync(r => new EntityMentionRecord(r.GetString(0), r.GetString(1), r.GetString(2),
            r.GetString(3), r.GetString(4), r.GetString(5), r.GetFieldValue<string[]>(6)), cancellationToken)).ToLookup(m => m.EntityId);
        foreach (var id in entityIds)
        {
            if (GraphMergePolicy.MergeEntity(id, entityMentions[id]) is not { } e)
            {
                await c.ExecuteAsync(t, "DELETE FROM entities WHERE id = @id", cancellationToken, ("id", id));
                continue;
            }
            await c.ExecuteAsync(t,
                """
                INSERT INTO entities (id, name, type, description, aliases, mentions, search_text) VALUES (@id, @n, @t, @s, @a, @m, @x)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, description = excluded.description,
                    aliases = excluded.aliases, mentions = excluded.mentions, search_text = excluded.search_text
                """, cancellationToken,
                ("id", id), ("n", e.Name), ("t", e.Type.ToString()), ("s", e.Description), ("a", e.Aliases.ToArray()),
                ("m", e.Mentions), ("x", GraphMergePolicy.SearchText(e)));
        }

        await using var readRelations = c.Command(
            "SELECT relation_id, chunk_id, document_id, source_id, target_id, keywords, description, weight FROM relation_mentions WHERE relation_id = ANY(@ids)",
            t, ("ids", relationIds.ToArray()));
        var relationMentions = (await readRelations.ReadListAsync(r => new RelationMentionRecord(r.GetString(0), r.GetString(1), r.GetString(2),
            r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetDouble(7)), cancellationToken)).ToLookup(m => m.RelationId);
        foreach (var id in relationIds)
        {
            if (GraphMergePolicy.MergeRelation(id, relationMentions[id]) is not { } r)
            {
                await c.ExecuteAsync(t, "DELETE FROM relations WHERE id = @id", cancellationToken, ("id", id));
                continue;
            }
            await c.ExecuteAsync(t,
                """
                INSERT INTO relations (id, source_id, target_id, keywords, description, weight, search_text) VALUES (@id, @s, @t, @k, @x, @w, @q)
                ON CONFLICT (id) DO UPDATE SET keywords = excluded.keywords, description = excluded.description,
                    weight = excluded.weight, search_text = excluded.search_text
                """, cancellationToken,
                ("id", id), ("s", r.SourceId), ("t", r.TargetId), ("k", r.Keywords), ("x", r.Description), ("w", r.Weight),
                ("q", GraphMergePolicy.SearchText(r)));
        }
    }

    private Task<IReadOnlyList<(string, string)>> PairsAsync(
        string select, IReadOnlyCollection<string> keys, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken) =>
        keys.Count == 0
            ? Task.FromResult<IReadOnlyList<(string, string)>>([])
            : documentIds is { Count: > 0 }
                ? ReadAsync(select + " AND document_id = ANY(@docs)", r => (r.GetString(0), r.GetString(1)), cancellationToken,
                    ("keys", keys.ToArray()), ("docs", documentIds.ToArray()))
                : ReadAsync(select, r => (r.GetString(0), r.GetString(1)), cancellationToken, ("keys", keys.ToArray()));

    private Task<IReadOnlyList<T>> ReadAsync<T>(
        string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        database.ReadAsync<IReadOnlyList<T>>(async c =>
        {
            await using var command = c.Command(sql, null, parameters);
            return await command.ReadListAsync(read, cancellationToken);
        }, cancellationToken);

    private static Entity ReadEntity(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), Enum.Parse<EntityType>(r.GetString(2)), r.GetString(3), r.GetFieldValue<string[]>(4), r.GetInt32(5));

    private static Relation ReadRelation(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDouble(5));
}
