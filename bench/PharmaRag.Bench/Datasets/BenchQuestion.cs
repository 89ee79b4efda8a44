namespace PharmaRag.Bench.Datasets;

/// <summary>A question of a set with its gold: answer texts, relevant dataset documents, or both.</summary>
public sealed record BenchQuestion(string Id, string Text)
{
    public IReadOnlyList<string> Answers { get; init; } = [];

    /// <summary>Dataset document ids that answer the question (document-level sets).</summary>
    public IReadOnlySet<string> Relevant { get; init; } = new HashSet<string>();

    /// <summary>The dataset document the question is asked of, when it is scoped to one.</summary>
    public string? Scope { get; init; }

    /// <summary>The dataset document the answer is printed in, when known (not a scope: the question is asked library-wide).</summary>
    public string? GoldDocument { get; init; }

    /// <summary>The page of <see cref="GoldDocument"/> the answer is printed on, when known.</summary>
    public int? GoldPage { get; init; }

    /// <summary>What kind of gold the question has ("text" or "table"), when the question file says.</summary>
    public string? Kind { get; init; }
}
