namespace PharmaRag.Core.Ingestion;

/// <summary>From character <see cref="Offset"/> of a chunk's text on, the text is from <see cref="Page"/>.</summary>
public readonly record struct PageSpan(int Offset, int Page);
