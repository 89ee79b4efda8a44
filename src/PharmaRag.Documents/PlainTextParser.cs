using System.Text;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents;

/// <summary>Plain text and Markdown as paragraphs separated by blank lines, all on page 1.</summary>
public sealed class PlainTextParser : IDocumentParser
{
    public IReadOnlyCollection<string> MediaTypes { get; } =
        [Core.Documents.MediaTypes.PlainText, Core.Documents.MediaTypes.Markdown];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true));
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException ex)
        {
            throw new DocumentParseException("The text file is not valid UTF-8.", ex);
        }
        var blocks = text.Replace("\r\n", "\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new ContentBlock { Page = 1, Text = string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)) })
            .ToList();
        return new ParsedDocument(1, blocks, []);
    }
}
