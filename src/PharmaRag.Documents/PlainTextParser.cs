using System.Text;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents;

/// <summary>Plain text as paragraphs separated by blank lines, all on page 1.</summary>
public sealed class PlainTextParser : IDocumentParser
{
    public IReadOnlyCollection<string> MediaTypes { get; } = [Core.Documents.MediaTypes.PlainText];

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var text = await ReadUtf8Async(content, cancellationToken);
        var blocks = text.Replace("\r\n", "\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new ContentBlock { Page = 1, Text = string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)) })
            .ToList();
        return new ParsedDocument(1, blocks, []);
    }

    /// <summary>Reads UTF-8 text, failing with a reason when the bytes are not UTF-8.</summary>
    internal static async Task<string> ReadUtf8Async(Stream content, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException ex)
        {
            throw new DocumentParseException("The text file is not valid UTF-8.", ex);
        }
    }
}
