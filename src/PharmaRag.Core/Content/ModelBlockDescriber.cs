using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PharmaRag.Core.Content;

/// <summary>
/// Describes tables, images and equations with a chat model, as RAG-Anything's modal processors
/// do: the block (an image as image content, for a vision model) with the text printed on its
/// page as context. The offline description (cells, caption, OCR text) is kept after the model's,
/// so exact values stay searchable; a block the model fails on gets the offline description alone.
/// </summary>
public sealed partial class ModelBlockDescriber(IChatClient chat, ILogger<ModelBlockDescriber> logger, int maxConcurrency = 4) : IBlockDescriber
{
    private const int MaxContext = 2000;
    private static readonly ChatOptions Options = new() { Temperature = 0 };

    private const string Instructions =
        """
        You describe one table, image or equation from a pharmaceutical document so that it can be found by search and
        used to answer questions. Say what it shows, its key values with units, and what it means in the context of the
        surrounding page text. Use only what the item and the context show. At most five sentences; plain text.
        """;

    public async Task<ParsedDocument> DescribeAsync(ParsedDocument document, CancellationToken cancellationToken)
    {
        var blocks = document.Blocks.ToArray();
        var pending = Enumerable.Range(0, blocks.Length)
            .Where(i => blocks[i].Kind != BlockKind.Text && string.IsNullOrWhiteSpace(blocks[i].Description))
            .ToArray();
        var failed = 0;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var block = blocks[i];
                var offline = OfflineBlockDescriber.Describe(block);
                try
                {
                    var response = await chat.GetResponseAsync(Messages(block, PageContext(blocks, block)), Options, token);
                    var text = response.Text.Trim();
                    blocks[i] = block with { Description = text.Length == 0 ? offline : text + "\n" + offline };
                    if (text.Length == 0)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    LogFailed(ex, block.Kind, block.Page);
                    blocks[i] = block with { Description = offline };
                }
            });
        if (failed > 0)
        {
            LogFallback(failed, pending.Length);
        }
        return document with { Blocks = blocks };
    }

    private static List<ChatMessage> Messages(ContentBlock block, string context)
    {
        var item = block.Kind switch
        {
            BlockKind.Table => $"Table{(block.Table?.Caption is { Length: > 0 } caption ? $" \"{caption}\"" : "")}:\n{block.Text}",
            BlockKind.Equation => $"Equation{(block.Caption is { Length: > 0 } c ? $" ({c})" : "")}:\n{block.Latex ?? block.Text}",
            _ => "Image" + (block.Caption is { Length: > 0 } c ? $" captioned \"{c}\"" : "")
                + (block.OcrText is { Length: > 0 } ocr ? $"; text recognised in it: {ocr}" : "")
                + (block.Image is null ? " (the image itself is not available)" : ""),
        };
        var user = new ChatMessage(ChatRole.User, $"Section: {block.Section ?? "(none)"}\nText on the same page:\n{context}\n\n{item}");
        if (block.Kind == BlockKind.Image && block.Image is { } image)
        {
            user.Contents.Add(new DataContent(image.Bytes, image.MediaType));
        }
        return [new ChatMessage(ChatRole.System, Instructions), user];
    }

    /// <summary>The text blocks printed on the block's page, nearest first, up to a budget.</summary>
    private static string PageContext(IReadOnlyList<ContentBlock> blocks, ContentBlock block)
    {
        var text = string.Join("\n", blocks.Where(b => b.Kind == BlockKind.Text && b.Page == block.Page).Select(b => b.Text));
        return text.Length <= MaxContext ? text : text[..MaxContext] + "…";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model could not describe a {Kind} block on page {Page}; using the offline description")]
    private partial void LogFailed(Exception exception, BlockKind kind, int page);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} of {Blocks} block description(s) fell back to the offline describer")]
    private partial void LogFallback(int failed, int blocks);
}
