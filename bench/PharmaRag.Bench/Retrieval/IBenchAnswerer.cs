namespace PharmaRag.Bench.Retrieval;

/// <summary>A retriever that also answers: the product's query modes (the baseline only ranks).</summary>
public interface IBenchAnswerer
{
    /// <summary>The answer a user would read for <paramref name="question"/>, with its citations.</summary>
    Task<BenchAnswer> AnswerAsync(string question, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);
}
