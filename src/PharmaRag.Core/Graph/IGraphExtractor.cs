using PharmaRag.Core.Ingestion;

namespace PharmaRag.Core.Graph;

/// <summary>Finds entities and relations in a document's chunks (offline rules, or a language model).</summary>
public interface IGraphExtractor
{
    /// <summary>A short description for start-up logs and health output.</summary>
    string Description { get; }

    /// <summary>Extracts from all chunks of one document, so that document-level context (its main drug, brand names) is used.</summary>
    Task<IReadOnlyList<ChunkGraph>> ExtractAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken);
}
