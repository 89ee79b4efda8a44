using System.Text;
using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Tests;

public sealed class WebAndTextParserTests
{
    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Html_drops_scripts_and_navigation_and_keeps_headings_tables_and_figures()
    {
        const string html = """
            <html><head><script>var x = 1;</script><style>p{}</style></head><body>
            <nav><a href="/">Home</a> <a href="/labels">Labels</a></nav>
            <h1>Warfarin</h1><h2>Dosage</h2><p>Start at <b>2 to 5 mg</b> once daily.</p>
            <table><caption>Table 1: INR targets</caption><thead><tr><th>Indication</th><th>INR</th></tr></thead>
            <tbody><tr><td>Atrial fibrillation</td><td>2.0-3.0</td></tr></tbody></table>
            <figure><img src="a.png" alt="INR over time"><figcaption>Figure 1. INR course</figcaption></figure>
            <script>track();</script></body></html>
            """;
        var parsed = await new HtmlParser().ParseAsync(Utf8(html), "a.html", CancellationToken.None);

        Assert.DoesNotContain(parsed.Blocks, b => b.Text.Contains("Home") || b.Text.Contains("var x") || b.Text.Contains("track"));
        Assert.Contains(parsed.Blocks, b => b.Text == "Start at 2 to 5 mg once daily." && b.Section == "Warfarin > Dosage");
        var table = parsed.Blocks.Single(b => b.Kind == BlockKind.Table).Table!;
        Assert.Equal([["Indication", "INR"], ["Atrial fibrillation", "2.0-3.0"]], table.Rows);
        Assert.Equal("Table 1: INR targets", table.Caption);
        var figure = parsed.Blocks.Single(b => b.Kind == BlockKind.Image);
        Assert.Equal("Figure 1. INR course", figure.Caption);
        Assert.Equal("INR over time", figure.Description);
    }

    [Fact]
    public async Task Markdown_headings_lists_tables_and_math_become_blocks()
    {
        const string markdown = """
            # Label
            ## Dosage
            Take **one** tablet daily.

            - with food
            - with water

            | Dose | Frequency |
            |------|-----------|
            | 10 mg | daily |

            $$
            CL = Dose / AUC
            $$
            """;
        var parsed = await new MarkdownParser().ParseAsync(Utf8(markdown), "a.md", CancellationToken.None);

        Assert.Contains(parsed.Blocks, b => b.Text == "Take one tablet daily." && b.Section == "Label > Dosage");
        Assert.Contains(parsed.Blocks, b => b.Text == "• with food");
        Assert.Equal([["Dose", "Frequency"], ["10 mg", "daily"]], parsed.Blocks.Single(b => b.Kind == BlockKind.Table).Table!.Rows);
        Assert.Equal("CL = Dose / AUC", parsed.Blocks.Single(b => b.Kind == BlockKind.Equation).Latex);
    }

    [Fact]
    public async Task Csv_is_one_table_with_quoted_fields_intact()
    {
        var parsed = await new CsvParser().ParseAsync(Utf8("Drug,Note\nAmoxicillin,\"Take with food, twice daily\"\n"), "doses.csv", CancellationToken.None);

        var table = Assert.Single(parsed.Blocks).Table!;
        Assert.Equal([["Drug", "Note"], ["Amoxicillin", "Take with food, twice daily"]], table.Rows);
        Assert.Equal(1, table.HeaderRows);
    }
}
