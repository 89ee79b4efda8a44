using PharmaRag.Core.Graph;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// LightRAG's graph retrieval. Local: entities named by the query, then the chunks that mention
/// them and the chunks that state their strongest relations. Global: relations whose keywords and
/// descriptions match the query, then the chunks that state them. A chunk's score adds up the
/// rank of each entity or relation that leads to it, damped for entities mentioned everywhere.
/// </summary>
public sealed class GraphRetriever(IGraphStore graph)
{
    private const int SeedEntities = 12;
    private const int SeedRelations = 24;
    private const int NeighbourRelations = 12;
    private const double NeighbourFactor = 0.5;

    public async Task<IReadOnlyList<ScoredChunkId>> LocalAsync(
        string query, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        var entities = await graph.SearchEntitiesAsync(query, SeedEntities, cancellationToken);
        if (entities.Count == 0)
        {
            return [];
        }
        var rank = entities.Select((e, i) => (e.Id, Weight: 1.0 / (i + 1))).ToDictionary(e => e.Id, e => e.Weight);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var mentions = await graph.GetEntityChunksAsync(rank.Keys, documentIds, cancellationToken);
        foreach (var group in mentions.GroupBy(m => m.EntityId))
        {
            var damping = 1 / Math.Sqrt(group.Count());
            foreach (var (entityId, chunkId) in group)
            {
                scores[chunkId] = scores.GetValueOrDefault(chunkId) + rank[entityId] * damping;
            }
        }

        var neighbours = await graph.GetRelationsOfAsync(rank.Keys.Take(4).ToArray(), NeighbourRelations, cancellationToken);
        var relationWeight = neighbours.ToDictionary(
            r => r.Id, r => NeighbourFactor * Math.Max(rank.GetValueOrDefault(r.SourceId), rank.GetValueOrDefault(r.TargetId)));
        await AddRelationChunksAsync(scores, relationWeight, documentIds, cancellationToken);
        return Ranked(scores);
    }

    public async Task<IReadOnlyList<ScoredChunkId>> GlobalAsync(
        string query, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        var relations = await graph.SearchRelationsAsync(query, SeedRelations, cancellationToken);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        await AddRelationChunksAsync(scores, relations.Select((r, i) => (r.Id, 1.0 / (i + 1))).ToDictionary(r => r.Id, r => r.Item2),
            documentIds, cancellationToken);
        return Ranked(scores);
    }

    private async Task AddRelationChunksAsync(
        Dictionary<string, double> scores, Dictionary<string, double> relationWeight, IReadOnlyCollection<string>? documentIds,
        CancellationToken cancellationToken)
    {
        var stated = await graph.GetRelationChunksAsync(relationWeight.Keys, documentIds, cancellationToken);
        foreach (var group in stated.GroupBy(s => s.RelationId))
        {
            var damping = 1 / Math.Sqrt(group.Count());
            foreach (var (relationId, chunkId) in group)
            {
                scores[chunkId] = scores.GetValueOrDefault(chunkId) + relationWeight[relationId] * damping;
            }
        }
    }

    private static IReadOnlyList<ScoredChunkId> Ranked(Dictionary<string, double> scores) =>
        scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new ScoredChunkId(s.Key, s.Value)).ToArray();
}
