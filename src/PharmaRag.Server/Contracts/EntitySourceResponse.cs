namespace PharmaRag.Server.Contracts;

/// <summary>A chunk that mentions an entity: where it is (document, file, pages) and what it says.</summary>
public sealed record EntitySourceResponse(string ChunkId, string DocumentId, string Filename, IReadOnlyList<int> Pages, string Text);
