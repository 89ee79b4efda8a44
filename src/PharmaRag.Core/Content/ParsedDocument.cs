namespace PharmaRag.Core.Content;

/// <summary>The content list of one document.</summary>
/// <param name="Pages">Number of pages (1 for formats without pages).</param>
/// <param name="Blocks">Blocks in reading order.</param>
/// <param name="UnreadablePages">Pages that had no text layer and could not be read.</param>
public sealed record ParsedDocument(int Pages, IReadOnlyList<ContentBlock> Blocks, IReadOnlyList<int> UnreadablePages);
