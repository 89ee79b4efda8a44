using PharmaRag.Core.Retrieval;

namespace PharmaRag.Server.Contracts;

/// <summary>The passage, page and document behind one statement of an answer.</summary>
public sealed record CitationResponse(string DocumentId, string Filename, int Page, string ChunkId, string Text)
{
    public static CitationResponse From(Citation c) => new(c.DocumentId, c.FileName, c.Page, c.ChunkId, c.Text);
}
