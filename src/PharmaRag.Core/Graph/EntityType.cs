namespace PharmaRag.Core.Graph;

/// <summary>Pharma entity types (DESIGN section 3), plus the modal types and a catch-all.</summary>
public enum EntityType
{
    Drug,
    Disease,
    AdverseReaction,
    Dose,
    Population,
    Gene,
    Biomarker,
    Study,
    Endpoint,
    Organization,
    Table,
    Image,
    Equation,
    Concept,
}
