using PharmaRag.Core.Documents;

namespace PharmaRag.Bench.Datasets;

/// <summary>The documents a parser reads under a folder, named by their path relative to it.</summary>
internal static class FileCorpus
{
    public static IReadOnlyList<CorpusDocument> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new BenchDataException($"Folder not found: {directory}");
        }
        var root = Path.GetFullPath(directory);
        var documents = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => MediaTypes.FromFileName(f) is not null)
            .Select(f => CorpusDocument.FromFile(Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), f))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        return documents.Length > 0
            ? documents
            : throw new BenchDataException(
                $"No supported documents under {directory} (supported: {string.Join(", ", MediaTypes.SupportedExtensions)}).");
    }
}
