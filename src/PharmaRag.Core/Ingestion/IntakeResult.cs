using PharmaRag.Core.Documents;

namespace PharmaRag.Core.Ingestion;

/// <summary>The document an intake request refers to, and whether a job was queued for it.</summary>
public sealed record IntakeResult(DocumentRecord Document, bool Queued);
