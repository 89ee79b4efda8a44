using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;

namespace PharmaRag.Gateway.Hosting;

/// <summary>
/// The gateway's view of the document types: every type in <see cref="MediaTypes"/>, which the
/// server's parsers read. The gateway decides with it which uploads to accept and queue, and never
/// parses (that is compute's work), so the Lambda package carries no PdfPig, OpenXml or OCR.
/// </summary>
public sealed class ParsedOnCompute : IDocumentParser
{
    public IReadOnlyCollection<string> MediaTypes { get; } =
        Core.Documents.MediaTypes.SupportedExtensions.Select(e => Core.Documents.MediaTypes.FromFileName("file" + e)!).Distinct().ToArray();

    public Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The gateway does not parse documents; compute does.");
}
