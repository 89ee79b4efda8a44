namespace PharmaRag.Core.Graph;

/// <summary>What one document adds to a graph store: new alias keys and its resolved mentions.</summary>
public sealed record GraphWritePlan(
    IReadOnlyList<KeyValuePair<string, string>> NewAliases,
    IReadOnlyList<EntityMentionRecord> Entities,
    IReadOnlyList<RelationMentionRecord> Relations);
