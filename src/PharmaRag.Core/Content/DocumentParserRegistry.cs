using PharmaRag.Core.Documents;

namespace PharmaRag.Core.Content;

/// <summary>Chooses the parser for a media type among those registered.</summary>
public sealed class DocumentParserRegistry(IEnumerable<IDocumentParser> parsers)
{
    private readonly Dictionary<string, IDocumentParser> _byMediaType = parsers
        .SelectMany(p => p.MediaTypes.Select(t => (Type: t, Parser: p)))
        .ToDictionary(x => x.Type, x => x.Parser, StringComparer.OrdinalIgnoreCase);

    public bool Supports(string fileName) =>
        MediaTypes.FromFileName(fileName) is { } type && _byMediaType.ContainsKey(type);

    public IDocumentParser ForMediaType(string mediaType) =>
        _byMediaType.TryGetValue(mediaType, out var parser)
            ? parser
            : throw new DocumentParseException($"No parser is registered for media type '{mediaType}'.");
}
