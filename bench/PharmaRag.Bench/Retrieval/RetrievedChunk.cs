namespace PharmaRag.Bench.Retrieval;

/// <summary>One ranked chunk as a retriever under test returned it.</summary>
/// <param name="DocumentId">The store's document id (SHA-256 of the document's bytes).</param>
public sealed record RetrievedChunk(string ChunkId, string DocumentId, string Text);
