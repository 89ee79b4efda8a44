using System.Text;

namespace PharmaRag.Bench.Datasets;

/// <summary>
/// One document of a set's corpus, named by its dataset id: a file on disk (PDFs), or text that
/// is written as a UTF-8 .txt object (JSON datasets), so the pipeline ingests it like an upload.
/// </summary>
public sealed record CorpusDocument
{
    private CorpusDocument(string id, string objectName, string? sourcePath, string? text)
    {
        Id = id;
        ObjectName = objectName;
        SourcePath = sourcePath;
        Text = text;
    }

    public string Id { get; }

    /// <summary>The object's name under the set's key prefix (may contain '/'); its extension picks the parser.</summary>
    public string ObjectName { get; }

    public string FileName => ObjectName[(ObjectName.LastIndexOf('/') + 1)..];

    public string? SourcePath { get; }

    public string? Text { get; }

    /// <summary>A file, named by <paramref name="id"/>: its path relative to the corpus folder.</summary>
    public static CorpusDocument FromFile(string id, string path) => new(id, id, path, null);

    /// <summary>A text document: the title as its first paragraph, then the body.</summary>
    public static CorpusDocument FromText(string id, string? title, string body)
    {
        var text = string.IsNullOrWhiteSpace(title) ? body : title.Trim() + "\n\n" + body;
        return new CorpusDocument(id, SafeName(id) + ".txt", null, text);
    }

    public Stream OpenRead() => SourcePath is not null
        ? File.OpenRead(SourcePath)
        : new MemoryStream(Encoding.UTF8.GetBytes(Text ?? ""), writable: false);

    // Dataset ids become object names; anything an object key could refuse becomes '_'.
    private static string SafeName(string id) =>
        string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
