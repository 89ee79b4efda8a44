using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;
using PharmaRag.Models;

namespace PharmaRag.Core.Tests;

public sealed class TableChunkingTests
{
    private static readonly ITokenCounter Tokens = new TiktokenTokenCounter();

    private static TextChunker Chunker(int tokens) =>
        new(Tokens, Options.Create(new IngestionOptions { ChunkTokens = tokens, ChunkOverlapTokens = 10 }));

    private static ContentBlock TableBlock(int rows) => new()
    {
        Kind = BlockKind.Table,
        Page = 4,
        Text = "",
        Section = "6 ADVERSE REACTIONS",
        Table = new TableContent
        {
            Rows = [["Adverse Reaction", "% Placebo", "% 10 mg"], .. Enumerable.Range(1, rows).Select(i => new[] { $"Reaction{i}", $"{i}.1", $"{i}.9" })],
            HeaderRows = 1,
            Caption = "Table 1: Adverse Reactions",
            Footnotes = ["* Percent of patients."],
            RowPages = [4, .. Enumerable.Range(1, rows).Select(i => i <= rows / 2 ? 4 : 5)],
        },
    };

    [Fact]
    public void Rows_are_never_split_and_every_chunk_repeats_caption_and_header()
    {
        var block = TableBlock(40);
        var chunks = Chunker(80).Chunk("doc", new ParsedDocument(5, [new ContentBlock { Page = 4, Text = "Intro text." }, block], []));

        var tableChunks = chunks.Where(c => c.Text.Contains("Reaction")).ToList();
        Assert.True(tableChunks.Count > 3);
        Assert.All(tableChunks, c =>
        {
            Assert.StartsWith("Table 1: Adverse Reactions\n| Adverse Reaction | % Placebo | % 10 mg |", c.Text);
            Assert.Equal("6 ADVERSE REACTIONS", c.SectionPath);
        });
        for (var i = 1; i <= 40; i++)
        {
            Assert.Single(tableChunks, c => c.Text.Contains($"| Reaction{i} | {i}.1 | {i}.9 |"));
        }
        Assert.Contains("* Percent of patients.", tableChunks[^1].Text);
        Assert.Equal([4], tableChunks[0].Pages);
        Assert.Equal([5], tableChunks[^1].Pages);
        Assert.Contains(tableChunks, c => c.Pages.SequenceEqual([4, 5]));
        var spanning = tableChunks.First(c => c.Pages.Count == 2);
        Assert.Equal(5, spanning.PageAt(spanning.Text.IndexOf("| Reaction21 ", StringComparison.Ordinal)));
        Assert.DoesNotContain("Reaction", chunks[0].Text);
    }

    [Fact]
    public async Task Offline_descriptions_linearise_rows_as_header_value_pairs()
    {
        var described = await new OfflineBlockDescriber().DescribeAsync(new ParsedDocument(5, [TableBlock(2),
            new ContentBlock { Kind = BlockKind.Image, Page = 1, Text = "", Caption = "Figure 2. Mean plasma levels", OcrText = "Time (h)" },
            new ContentBlock { Kind = BlockKind.Equation, Page = 1, Text = "CL = Dose / AUC" }], []), CancellationToken.None);

        Assert.Equal("Table 1: Adverse Reactions (columns: Adverse Reaction, % Placebo, % 10 mg). " +
            "Adverse Reaction: Reaction1; % Placebo: 1.1; % 10 mg: 1.9. Adverse Reaction: Reaction2; % Placebo: 2.1; % 10 mg: 2.9. * Percent of patients.",
            described.Blocks[0].Description);
        Assert.Equal("Figure 2. Mean plasma levels. Text in the image: Time (h).", described.Blocks[1].Description);
        Assert.Equal("CL = Dose / AUC.", described.Blocks[2].Description);
    }

    [Fact]
    public void A_chunk_of_a_long_table_spells_out_the_abbreviations_its_footnote_defines_and_is_found_by_them()
    {
        var agents = Enumerable.Range(1, 30).Select(i => new[] { $"Mechanism {i}", $"Strategy {i}", $"Agent{i} + platinum" });
        var block = new ContentBlock
        {
            Kind = BlockKind.Table,
            Page = 14,
            Text = "",
            Section = "6 Resistance management",
            Table = new TableContent
            {
                Rows = [["Resistance mechanism", "Strategy", "Key agents"], ["SCLC transformation", "EP + PD-L1", "Etoposide + platinum + Atezolizumab"], .. agents],
                HeaderRows = 1,
                Caption = "Table 1. Targeted strategies for resistance mechanisms",
                Footnotes = ["EP, etoposide plus platinum chemotherapy; PD-L1, programmed death-ligand 1; SCLC, small cell lung cancer; ORR, objective response rate."],
            },
        };
        var others = Enumerable.Range(0, 6).Select(i => new ContentBlock
        {
            Page = 2 + i, Section = $"{i + 1} Background", Text = $"Lung cancer is treated by platinum chemotherapy in many patients; cancer cells of kind {i} were studied.",
        });

        var chunks = Chunker(80).Chunk("doc", new ParsedDocument(14, [.. others, block], []));

        // The row is in the table's first chunk; only the last one holds the footnote.
        var row = Assert.Single(chunks, c => c.Text.Contains("| SCLC transformation |"));
        Assert.DoesNotContain("SCLC, small cell lung cancer", row.Text);
        // The row's label is spelled out; its values ("EP + PD-L1") are what a question asks for.
        Assert.EndsWith("\nAbbreviations spelled out: SCLC = small cell lung cancer", row.Text);
        Assert.DoesNotContain(chunks, c => c.Text.Contains("| Mechanism 20 |") && c.Text.Contains("Abbreviations spelled out"));
        // A question in the long words finds the row that prints only the abbreviation.
        // (The table's last chunk, holding the footnote itself, may come first; the background text does not.)
        var hits = DocumentTermIndex.Build(chunks).Search(DocumentTermIndex.Terms("which agents when a tumour turns into small cell lung cancer"), new HashSet<string>(), 10)
            .Select(h => h.ChunkId).ToList();
        Assert.Contains(row.Id, hits.Take(2));
        Assert.All(chunks.Where(c => c.Text.Contains("Background") || c.SectionPath!.Contains("Background")), c => Assert.True(
            !hits.Contains(c.Id) || hits.IndexOf(c.Id) > hits.IndexOf(row.Id)));
    }
}
