namespace PharmaRag.Cli.Tests;

/// <summary>The clone the tests were built from (the folder holding PharmaRag.slnx).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PharmaRag.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No PharmaRag.slnx above {AppContext.BaseDirectory}.");
    }
}
