namespace PharmaRag.Core.Graph;

/// <summary>An entity as one chunk mentions it.</summary>
/// <param name="Name">The canonical name (for a drug, its generic name).</param>
/// <param name="Aliases">Other names for it in this chunk or document (brand names, acronyms).</param>
/// <param name="Description">What the chunk says about it (a sentence, or a model's summary).</param>
public sealed record EntityMention(string Name, EntityType Type, string Description, IReadOnlyList<string> Aliases)
{
    public string Key => EntityKey.Of(Name);
}
