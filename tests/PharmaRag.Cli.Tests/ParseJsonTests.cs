using System.Text.Json;
using PharmaRag.Testing;

namespace PharmaRag.Cli.Tests;

public sealed class ParseJsonTests
{
    private static readonly string[][] Rows =
    [
        ["Adverse Reaction", "% Placebo N = 7,311", "% 10 mg N = 3,908"],
        ["Nasopharyngitis", "8.2", "12.9"],
        ["Arthralgia", "6.5", "8.9"],
        ["Diarrhea", "6.3", "7.3"],
    ];

    [Fact]
    public async Task A_table_joined_across_pages_lists_every_page_and_each_row_its_page()
    {
        using var data = new TempDirectory();
        var pdf = Path.Combine(data.Path, "two-pages.pdf");
        await File.WriteAllBytesAsync(pdf, TestPdf.TwoTablePages(Rows, [Rows[0], ["Nausea", "3.5", "3.7"], ["Myalgia", "3.1", "3.6"]]));

        var result = await CliProcess.RunAsync(["parse", pdf, "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var table = json.RootElement.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "table");
        Assert.Equal([1, 2], table.GetProperty("pages").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal([1, 1, 1, 1, 2, 2], table.GetProperty("table").GetProperty("row_pages").EnumerateArray().Select(p => p.GetInt32()));
    }
}
