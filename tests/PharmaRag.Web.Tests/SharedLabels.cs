namespace PharmaRag.Web.Tests;

/// <summary>
/// Real labels from ../shared/bench beside the clone (CI lays it there). They are read in place,
/// never copied into the repository.
/// </summary>
public static class SharedLabels
{
    public const string Ibuprofen = "fda_ibuprofen_label_2024.pdf";

    public static string PathOf(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PharmaRag.slnx")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "bench", "pdfs", "labels", fileName);
                return File.Exists(path)
                    ? Path.GetFullPath(path)
                    : throw new FileNotFoundException($"The shared label {fileName} is missing: put the shared folder beside the clone (../shared/bench/pdfs/labels).");
            }
        }
        throw new DirectoryNotFoundException("The repository root (PharmaRag.slnx) was not found above the test output folder.");
    }
}
