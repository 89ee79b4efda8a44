namespace PharmaRag.Storage.Neo4j;

/// <summary>
/// Every Cypher statement the Neo4j graph store sends: constants with $parameters, never text
/// built from documents or queries. Mentions are (:EntityMention) and (:RelationMention) nodes
/// that keep their chunk and document (the provenance); entities are (:Entity) nodes and
/// relations [:RELATED] relationships, merged by id and rebuilt from the remaining mentions.
/// </summary>
public static class Neo4jStatements
{
    public static readonly string[] Schema =
    [
        "CREATE CONSTRAINT pharmarag_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
        "CREATE CONSTRAINT pharmarag_alias_key IF NOT EXISTS FOR (a:Alias) REQUIRE a.key IS UNIQUE",
        "CREATE INDEX pharmarag_entity_mention IF NOT EXISTS FOR (m:EntityMention) ON (m.entityId, m.chunkId)",
        "CREATE INDEX pharmarag_entity_mention_document IF NOT EXISTS FOR (m:EntityMention) ON (m.documentId)",
        "CREATE INDEX pharmarag_relation_mention IF NOT EXISTS FOR (m:RelationMention) ON (m.relationId, m.chunkId)",
        "CREATE INDEX pharmarag_relation_mention_document IF NOT EXISTS FOR (m:RelationMention) ON (m.documentId)",
        "CREATE INDEX pharmarag_related_id IF NOT EXISTS FOR ()-[r:RELATED]-() ON (r.id)",
        "CREATE FULLTEXT INDEX pharmarag_entity_search IF NOT EXISTS FOR (e:Entity) ON EACH [e.searchText]",
        "CREATE FULLTEXT INDEX pharmarag_relation_search IF NOT EXISTS FOR ()-[r:RELATED]-() ON EACH [r.searchText]",
    ];

    public const string DeleteEntityMentions =
        "MATCH (m:EntityMention {documentId: $documentId}) WITH m, m.entityId AS id DELETE m RETURN DISTINCT id";

    public const string DeleteRelationMentions =
        "MATCH (m:RelationMention {documentId: $documentId}) WITH m, m.relationId AS id DELETE m RETURN DISTINCT id";

    public const string ReadAliases =
        "MATCH (a:Alias) WHERE a.key IN $keys RETURN a.key AS key, a.entityId AS entityId";

    public const string MergeAliases =
        "UNWIND $aliases AS a MERGE (x:Alias {key: a.key}) ON CREATE SET x.entityId = a.entityId";

    public const string MergeEntityMentions =
        "UNWIND $mentions AS m MERGE (x:EntityMention {entityId: m.entityId, chunkId: m.chunkId}) " +
        "SET x.documentId = m.documentId, x.name = m.name, x.type = m.type, x.description = m.description, x.aliases = m.aliases";

    public const string MergeRelationMentions =
        "UNWIND $mentions AS m MERGE (x:RelationMention {relationId: m.relationId, chunkId: m.chunkId}) " +
        "SET x.documentId = m.documentId, x.sourceId = m.sourceId, x.targetId = m.targetId, x.keywords = m.keywords, " +
        "x.description = m.description, x.weight = m.weight";

    public const string ReadEntityMentions =
        "MATCH (m:EntityMention) WHERE m.entityId IN $ids " +
        "RETURN m.entityId AS entityId, m.chunkId AS chunkId, m.documentId AS documentId, m.name AS name, m.type AS type, " +
        "m.description AS description, m.aliases AS aliases";

    public const string ReadRelationMentions =
        "MATCH (m:RelationMention) WHERE m.relationId IN $ids " +
        "RETURN m.relationId AS relationId, m.chunkId AS chunkId, m.documentId AS documentId, m.sourceId AS sourceId, " +
        "m.targetId AS targetId, m.keywords AS keywords, m.description AS description, m.weight AS weight";

    public const string MergeEntities =
        "UNWIND $entities AS e MERGE (x:Entity {id: e.id}) " +
        "SET x.name = e.name, x.type = e.type, x.description = e.description, x.aliases = e.aliases, x.mentions = e.mentions, " +
        "x.searchText = e.searchText";

    // An entity that lost its last mention becomes a placeholder while relations other documents
    // support still end at it; placeholders are never listed, searched or counted.
    public const string RetireEntities =
        "UNWIND $ids AS id MATCH (x:Entity {id: id}) SET x.mentions = 0, x.searchText = ''";

    public const string DeleteOrphans =
        "MATCH (x:Entity) WHERE x.id IN $ids AND x.mentions = 0 AND NOT (x)--() DELETE x";

    // A relation's endpoint without mentions of its own becomes a placeholder entity (mentions 0), never listed or counted.
    public const string MergeRelations =
        "UNWIND $relations AS r " +
        "MERGE (s:Entity {id: r.sourceId}) ON CREATE SET s.name = r.sourceId, s.type = 'Concept', s.description = '', s.aliases = [], s.mentions = 0, s.searchText = '' " +
        "MERGE (t:Entity {id: r.targetId}) ON CREATE SET t.name = r.targetId, t.type = 'Concept', t.description = '', t.aliases = [], t.mentions = 0, t.searchText = '' " +
        "MERGE (s)-[x:RELATED {id: r.id}]->(t) " +
        "SET x.keywords = r.keywords, x.description = r.description, x.weight = r.weight, x.searchText = r.searchText";

    public const string DeleteRelations =
        "UNWIND $ids AS id MATCH (s)-[x:RELATED {id: id}]->(t) DELETE x RETURN s.id AS sourceId, t.id AS targetId";

    public const string SearchEntities =
        "CALL db.index.fulltext.queryNodes('pharmarag_entity_search', $query) YIELD node, score WHERE node.mentions > 0 " +
        "RETURN node.id AS id, node.name AS name, node.type AS type, node.description AS description, node.aliases AS aliases, " +
        "node.mentions AS mentions ORDER BY score DESC, id LIMIT $limit";

    public const string SearchRelations =
        "CALL db.index.fulltext.queryRelationships('pharmarag_relation_search', $query) YIELD relationship, score " +
        "MATCH (s)-[relationship]->(t) " +
        "RETURN relationship.id AS id, s.id AS sourceId, t.id AS targetId, relationship.keywords AS keywords, " +
        "relationship.description AS description, relationship.weight AS weight ORDER BY score DESC, id LIMIT $limit";

    public const string EntityChunks =
        "MATCH (m:EntityMention) WHERE m.entityId IN $ids AND ($documentIds IS NULL OR m.documentId IN $documentIds) " +
        "RETURN m.entityId AS id, m.chunkId AS chunkId";

    public const string RelationChunks =
        "MATCH (m:RelationMention) WHERE m.relationId IN $ids AND ($documentIds IS NULL OR m.documentId IN $documentIds) " +
        "RETURN m.relationId AS id, m.chunkId AS chunkId";

    public const string RelationsOf =
        "MATCH (s:Entity)-[x:RELATED]->(t:Entity) WHERE s.id IN $ids OR t.id IN $ids " +
        "RETURN x.id AS id, s.id AS sourceId, t.id AS targetId, x.keywords AS keywords, x.description AS description, x.weight AS weight " +
        "ORDER BY weight DESC, id LIMIT $limit";

    public const string Entities =
        "MATCH (x:Entity) WHERE x.id IN $ids AND x.mentions > 0 " +
        "RETURN x.id AS id, x.name AS name, x.type AS type, x.description AS description, x.aliases AS aliases, x.mentions AS mentions";

    public const string Count =
        "CALL { MATCH (e:Entity) WHERE e.mentions > 0 RETURN count(e) AS entities } " +
        "CALL { MATCH ()-[r:RELATED]->() RETURN count(r) AS relations } RETURN entities, relations";
}
