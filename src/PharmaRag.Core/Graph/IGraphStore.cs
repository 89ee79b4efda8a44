using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Graph;

/// <summary>
/// The knowledge graph. Entities and relations are merged from mentions that remember their
/// chunk and document, so that removing a document removes exactly what only it supported and
/// rebuilds what other documents share.
/// </summary>
public interface IGraphStore
{
    /// <summary>Replaces the document's mentions with these and merges them into the graph.</summary>
    Task ReplaceDocumentAsync(string documentId, IReadOnlyList<ChunkGraph> graphs, CancellationToken cancellationToken);

    Task RemoveDocumentAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Entities whose names or aliases match the query words, best first.</summary>
    Task<IReadOnlyList<Entity>> SearchEntitiesAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>Relations whose keywords, descriptions or endpoint names match the query words, best first.</summary>
    Task<IReadOnlyList<Relation>> SearchRelationsAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>Chunks that mention any of the entities (with the entity they mention), restricted to documents when given.</summary>
    Task<IReadOnlyList<(string EntityId, string ChunkId)>> GetEntityChunksAsync(
        IReadOnlyCollection<string> entityIds, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);

    /// <summary>Chunks that state any of the relations.</summary>
    Task<IReadOnlyList<(string RelationId, string ChunkId)>> GetRelationChunksAsync(
        IReadOnlyCollection<string> relationIds, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);

    /// <summary>Relations touching any of the entities, heaviest first.</summary>
    Task<IReadOnlyList<Relation>> GetRelationsOfAsync(IReadOnlyCollection<string> entityIds, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The start and every entity within <paramref name="depth"/> hops of it, nearest first; within a
    /// hop, those joined to the hop before by the heaviest relation first, then by id (ordinal). At
    /// most <paramref name="limit"/>. <see cref="GraphWalk.BreadthFirstAsync"/> is the reference.
    /// </summary>
    Task<IReadOnlyList<WalkedEntity>> WalkAsync(string startId, int depth, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task<(int Entities, int Relations)> CountAsync(CancellationToken cancellationToken);
}
