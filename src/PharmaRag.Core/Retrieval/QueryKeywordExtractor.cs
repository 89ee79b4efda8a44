using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Keywords for graph retrieval: from the chat model when one is configured (LightRAG's keyword
/// prompt, JSON answer), else the question itself. A model answer that cannot be read falls back
/// to the question, so retrieval never depends on the model behaving.
/// </summary>
public sealed partial class QueryKeywordExtractor(IChatClient? chat = null, ILogger<QueryKeywordExtractor>? logger = null)
{
    private const string Instructions =
        """
        You extract search keywords from a user's question about pharmaceutical documents.
        Return JSON only: {"high_level_keywords": [...], "low_level_keywords": [...]}.
        high_level_keywords: overarching concepts or themes (for example "drug interaction", "adverse reaction").
        low_level_keywords: specific entities or details (drug names, diseases, genes, doses, populations).
        """;

    private readonly ILogger _logger = logger ?? NullLogger<QueryKeywordExtractor>.Instance;

    public async Task<QueryKeywords> ExtractAsync(string question, CancellationToken cancellationToken)
    {
        if (chat is null)
        {
            return QueryKeywords.FromQuestion(question);
        }
        try
        {
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, question)],
                new ChatOptions { Temperature = 0 }, cancellationToken);
            return Parse(response.Text) ?? QueryKeywords.FromQuestion(question);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex);
            return QueryKeywords.FromQuestion(question);
        }
    }

    /// <summary>The keywords in a model answer (JSON, possibly fenced or with prose around it), or null.</summary>
    public static QueryKeywords? Parse(string text)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(text[start..(end + 1)]);
            string[] Read(string name) => json.RootElement.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.Trim())
                    .Where(s => s.Length > 0).ToArray()
                : [];
            var high = Read("high_level_keywords");
            var low = Read("low_level_keywords");
            return high.Length + low.Length == 0 ? null : new QueryKeywords(high.Length > 0 ? high : low, low.Length > 0 ? low : high);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keyword extraction by the chat model failed; searching the graph with the question")]
    private partial void LogFailed(Exception error);
}
