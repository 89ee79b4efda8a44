using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>
/// What the steps of one run hand each other in memory. Every value can be rebuilt from the store
/// (a resumed run starts with none of them), so a step never depends on an earlier step of the same run.
/// </summary>
public sealed class IngestionContext(DocumentRecord document)
{
    public DocumentRecord Document { get; } = document;

    /// <summary>The verified bytes of the document.</summary>
    public MemoryStream? Content { get; set; }

    /// <summary>The parsed content list, as saved.</summary>
    public ParsedDocument? Parsed { get; set; }

    /// <summary>The document's chunks, as stored.</summary>
    public IReadOnlyList<Chunk>? Chunks { get; set; }
}
