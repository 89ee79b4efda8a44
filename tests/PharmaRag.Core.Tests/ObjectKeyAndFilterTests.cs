using PharmaRag.Core.Configuration;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Tests;

public sealed class ObjectKeyAndFilterTests
{
    [Theory]
    [InlineData("uploads/label.pdf", true)]
    [InlineData("a/b/c.pdf", true)]
    [InlineData("../x.pdf", false)]
    [InlineData("a/../../x.pdf", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a\\b.pdf", false)]
    [InlineData("a//b.pdf", false)]
    [InlineData("a/./b.pdf", false)]
    [InlineData("C:/x.pdf", false)]
    [InlineData("a/b\u0000.pdf", false)]
    [InlineData("", false)]
    public void Keys_that_could_leave_the_store_are_invalid(string key, bool valid) =>
        Assert.Equal(valid, ObjectKey.IsValid(key, out _));

    [Theory]
    [InlineData("*.pdf", "Label.PDF", true)]
    [InlineData("*.pdf", "label.pdf.exe", false)]
    [InlineData("*.pdf;*.docx", "protocol.docx", true)]
    [InlineData("report-??.txt", "report-07.txt", true)]
    [InlineData("*.none", "label.pdf", false)]
    public void File_name_filter_matches_globs(string patterns, string fileName, bool matches) =>
        Assert.Equal(matches, new FileNameFilter(patterns).Matches(fileName));

    [Fact]
    public void Data_directory_follows_the_original_environment_variables()
    {
        var env = new Dictionary<string, string?>();
        string Resolve(string? option) => DataDirectory.Resolve(option, name => env.GetValueOrDefault(name));

        Assert.Equal(Path.GetFullPath("rag_output"), Resolve(null));
        env["EFS_MOUNT_PATH"] = "/mnt/efs";
        Assert.Equal("/mnt/efs/rag_output", Resolve(null));
        env["RAG_OUTPUT_DIR"] = "/data/rag";
        Assert.Equal("/data/rag", Resolve(null));
        Assert.Equal("/cli/dir", Resolve("/cli/dir"));
    }
}
