namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>
/// The named steps of ingestion, in order. The first five make a document searchable by keyword
/// (it is <c>processed</c> after <see cref="Retiring"/>); the rest run in the background and are
/// listed on the document as pending until done.
/// </summary>
public static class IngestionSteps
{
    /// <summary>Read the object and verify its bytes are the document's (SHA-256).</summary>
    public const string Reading = "reading";

    /// <summary>Turn the bytes into a content list (text layer, tables, scanned pages by OCR); the list is saved.</summary>
    public const string Parsing = "parsing";

    /// <summary>Cut the content list into chunks and store them.</summary>
    public const string Chunking = "chunking";

    /// <summary>Add the chunks to the keyword index.</summary>
    public const string Indexing = "indexing";

    /// <summary>Remove older versions of the same object key; the document is then processed.</summary>
    public const string Retiring = "retiring";

    /// <summary>Figure OCR and model descriptions of tables, images and equations; re-chunks when they add text.</summary>
    public const string Describing = "describing";

    /// <summary>Embed the chunks into the vector index.</summary>
    public const string Embedding = "embedding";

    /// <summary>Extract entities and relations into the graph.</summary>
    public const string Graph = "graph";

    /// <summary>Every step in the order it runs.</summary>
    public static IReadOnlyList<string> All { get; } = [Reading, Parsing, Chunking, Indexing, Retiring, Describing, Embedding, Graph];

    /// <summary>The steps that run after the document is processed.</summary>
    public static IReadOnlyList<string> Background { get; } = [Describing, Embedding, Graph];

    /// <summary>The steps after <paramref name="step"/> (all of them when it is null or unknown).</summary>
    public static IReadOnlyList<string> After(string? step)
    {
        var index = step is null ? -1 : All.ToList().IndexOf(step);
        return All.Skip(index + 1).ToArray();
    }
}
