namespace PharmaRag.Core.Graph;

/// <summary>What a model's extraction output held: the tuples that parsed, and whether it was well formed at all.</summary>
/// <param name="Records">Lines that parsed as an entity or a relationship.</param>
/// <param name="Rejected">Non-empty lines that did not.</param>
/// <param name="Complete">Whether the completion marker was written.</param>
public sealed record ExtractionOutput(
    IReadOnlyList<EntityMention> Entities, IReadOnlyList<RelationMention> Relations, int Records, int Rejected, bool Complete)
{
    /// <summary>Something usable: at least one tuple, or an explicit "nothing here" (only the completion marker).</summary>
    public bool IsUsable => Records > 0 || (Complete && Rejected == 0);
}
