namespace PharmaRag.Core.Retrieval;

/// <summary>The source of one statement of an answer: a passage on a page of a document.</summary>
public sealed record Citation(string DocumentId, string FileName, int Page, string ChunkId, string Text);
