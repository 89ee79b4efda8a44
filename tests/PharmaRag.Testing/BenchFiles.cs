namespace PharmaRag.Testing;

/// <summary>
/// The public documents in ../shared/bench beside the repository (CI lays it there). Tests read
/// them in place; they are never copied into the repository.
/// </summary>
public static class BenchFiles
{
    public static string Label(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PharmaRag.slnx")))
        {
            directory = directory.Parent;
        }
        var root = directory?.FullName ?? throw new InvalidOperationException("The repository root (PharmaRag.slnx) was not found.");
        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", "bench", "pdfs", "labels", fileName));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: this test reads the shared bench folder beside the repository (../shared/bench).");
    }
}
