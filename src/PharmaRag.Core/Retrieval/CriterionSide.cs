namespace PharmaRag.Core.Retrieval;

/// <summary>Which list of a protocol's eligibility criteria a question asks about, or a chunk belongs to.</summary>
public enum CriterionSide
{
    None,
    Inclusion,
    Exclusion,
}
