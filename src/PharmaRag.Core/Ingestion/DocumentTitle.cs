using System.Text.RegularExpressions;
using PharmaRag.Core.Content;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// The words that name a document: the first words printed on its first page with text (a label's
/// product line, a protocol's title page, a paper's title). The chunker indexes them with every
/// chunk after the first (which opens with them), so that a question naming the drug, study or protocol
/// finds the chunk that states the fact, not only the title page that repeats the name.
/// </summary>
public static partial class DocumentTitle
{
    /// <summary>At most this many words are taken: enough for a protocol's full title, short of its body.</summary>
    public const int MaxWords = 40;

    /// <summary>The title words of <paramref name="document"/>, or null when it has no text.</summary>
    public static string? Of(ParsedDocument document)
    {
        var firstPage = document.Blocks.Where(IsText).Select(b => b.Page).DefaultIfEmpty(0).Min();
        // Each word once: the title says which document this is; repeating a name would only
        // lengthen every chunk and weigh the name more than the fact the chunk states.
        var words = document.Blocks
            .Where(b => IsText(b) && b.Page == firstPage && !Boilerplate().IsMatch(b.Text))
            .SelectMany(b => b.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(w => Wordlike().IsMatch(w))
            .DistinctBy(w => w.ToLowerInvariant())
            .Take(MaxWords)
            .ToArray();
        return words.Length == 0 ? null : string.Join(' ', words);
    }

    private static bool IsText(ContentBlock block) => block.Kind == BlockKind.Text && block.Text.Length > 0;

    // The standard sentences of a US label's highlights name no product.
    [GeneratedRegex(@"^(These highlights do not include|See full prescribing information)", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"[\p{L}\p{N}]")]
    private static partial Regex Wordlike();
}
