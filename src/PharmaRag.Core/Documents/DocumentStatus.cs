namespace PharmaRag.Core.Documents;

/// <summary>Where a document is in its life cycle.</summary>
public enum DocumentStatus
{
    Pending,
    Processing,
    Processed,
    Failed,
}
