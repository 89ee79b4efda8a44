namespace PharmaRag.Core.Content;

/// <summary>
/// Writes <see cref="ContentBlock.Description"/> for the table, image and equation blocks of a
/// parsed document (RAG-Anything's modal processors). The offline implementation works from
/// captions, cells, OCR text and equation text; a model-backed one can send the image and the
/// surrounding page text to a vision model instead.
/// </summary>
public interface IBlockDescriber
{
    /// <summary>Returns the document with descriptions filled in; text blocks are returned unchanged.</summary>
    Task<ParsedDocument> DescribeAsync(ParsedDocument document, CancellationToken cancellationToken);
}
