namespace PharmaRag.Core.Content;

/// <summary>Turns the bytes of one file format into a content list.</summary>
public interface IDocumentParser
{
    /// <summary>Media types this parser reads.</summary>
    IReadOnlyCollection<string> MediaTypes { get; }

    /// <summary>Parses a document. Throws <see cref="DocumentParseException"/> when the file cannot be read.</summary>
    Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken);

    /// <summary>
    /// Parses a document, reporting pages as they are done (from any thread). Parsers of formats
    /// without pages report nothing.
    /// </summary>
    Task<ParsedDocument> ParseAsync(Stream content, string fileName, IProgress<PageProgress>? progress, CancellationToken cancellationToken) =>
        ParseAsync(content, fileName, cancellationToken);
}
