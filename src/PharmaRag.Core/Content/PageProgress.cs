namespace PharmaRag.Core.Content;

/// <summary>How far a parser is through a document: pages done of pages in total.</summary>
public readonly record struct PageProgress(int Done, int Total);
