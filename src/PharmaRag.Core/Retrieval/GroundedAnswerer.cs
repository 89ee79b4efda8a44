using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace PharmaRag.Core.Retrieval;

/// <summary>
/// Answers with a chat model from numbered passages only, citing them as [n]; the numbers are
/// resolved back to document and page, and a number that was not in the context is dropped. When
/// the passages do not answer the question the model says so, and so does the answer.
/// </summary>
public sealed partial class GroundedAnswerer(IChatClient chat, int maxContextCharacters = 24_000)
{
    public const string NoAnswer = "NO_ANSWER";

    private static readonly ChatOptions Options = new() { Temperature = 0 };

    private const string Instructions =
        $"""
        You answer questions about pharmaceutical documents (prescribing information, protocols, study reports, papers).
        Use only the numbered passages you are given, never outside knowledge. After every sentence, cite the passages
        that support it by number in square brackets, like [2] or [1][3]. Quote doses, numbers and units exactly as the
        passages state them. Be concise. If the passages do not contain the answer, reply with exactly {NoAnswer} and nothing else.
        """;

    public AnswerContext ContextFor(IReadOnlyList<SearchHit> hits) => AnswerContext.From(hits, maxContextCharacters);

    /// <summary>The cited answer, or null when the model answered without citing any passage it was given.</summary>
    public async Task<(string Answer, IReadOnlyList<Citation> Citations)?> AnswerAsync(
        string question, AnswerContext context, CancellationToken cancellationToken)
    {
        if (context.Passages.Count == 0)
        {
            return (ExtractiveAnswerer.NothingFound, []);
        }
        var response = await chat.GetResponseAsync(Messages(question, context), Options, cancellationToken);
        return Resolve(response.Text, context);
    }

    /// <summary>The model's answer as it is written, piece by piece, with [n] as the model writes them.</summary>
    public async IAsyncEnumerable<string> StreamAsync(
        string question, AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in chat.GetStreamingResponseAsync(Messages(question, context), Options, cancellationToken))
        {
            if (update.Text is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }

    private static List<ChatMessage> Messages(string question, AnswerContext context) =>
    [
        new(ChatRole.System, Instructions),
        new(ChatRole.User, $"Passages:\n\n{context.Render()}Question: {question}"),
    ];

    /// <summary>
    /// Rewrites [n] to "[k: file, p. N]" (k numbering the citations in the order first used) and
    /// drops numbers outside the context; null when nothing valid was cited.
    /// </summary>
    public static (string Answer, IReadOnlyList<Citation> Citations)? Resolve(string text, AnswerContext context)
    {
        var answer = text.Trim();
        if (answer.Length == 0 || answer.StartsWith(NoAnswer, StringComparison.Ordinal) || answer == NoAnswer + ".")
        {
            return (ExtractiveAnswerer.NothingFound, []);
        }
        var citations = new List<Citation>();
        var numbers = new Dictionary<int, int>();
        var rewritten = Markers().Replace(answer, match =>
        {
            var parts = new StringBuilder();
            foreach (var piece in match.Groups[1].Value.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(piece, out var n) || n < 1 || n > context.Passages.Count)
                {
                    continue;
                }
                if (!numbers.TryGetValue(n, out var k))
                {
                    citations.Add(context.Passages[n - 1]);
                    numbers[n] = k = citations.Count;
                }
                var passage = context.Passages[n - 1];
                parts.Append($"[{k}: {passage.FileName}, p. {passage.Page}]");
            }
            return parts.ToString();
        });
        if (citations.Count == 0)
        {
            return null;
        }
        return (Spaces().Replace(rewritten, " ").Replace(" .", ".").Trim(), citations);
    }

    [GeneratedRegex(@"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")]
    private static partial Regex Markers();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}
