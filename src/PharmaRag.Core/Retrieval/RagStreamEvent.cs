namespace PharmaRag.Core.Retrieval;

/// <summary>One event of a streamed answer; which members are set depends on <see cref="Kind"/>.</summary>
public sealed record RagStreamEvent(RagStreamEventKind Kind)
{
    public IReadOnlyList<Citation>? Citations { get; init; }
    public string? Text { get; init; }
    public RagAnswer? Answer { get; init; }

    public static RagStreamEvent Passages(IReadOnlyList<Citation> citations) => new(RagStreamEventKind.Citations) { Citations = citations };

    public static RagStreamEvent Delta(string text) => new(RagStreamEventKind.Delta) { Text = text };

    public static RagStreamEvent Failed(string message) => new(RagStreamEventKind.Error) { Text = message };

    public static RagStreamEvent Done(RagAnswer answer) => new(RagStreamEventKind.Done) { Answer = answer };
}
