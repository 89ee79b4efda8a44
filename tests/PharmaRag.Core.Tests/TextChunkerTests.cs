using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;
using PharmaRag.Models;

namespace PharmaRag.Core.Tests;

public sealed class TextChunkerTests
{
    private static readonly ITokenCounter Tokens = new TiktokenTokenCounter();

    private static TextChunker Chunker(int tokens = 40, int overlap = 10) =>
        new(Tokens, Options.Create(new IngestionOptions { ChunkTokens = tokens, ChunkOverlapTokens = overlap }));

    private static ParsedDocument Document(params ContentBlock[] blocks) => new(blocks.Max(b => b.Page), blocks, []);

    private static ContentBlock Block(int page, string text, string? section = null) => new() { Page = page, Text = text, Section = section };

    [Fact]
    public void Chunks_respect_the_token_budget_and_never_cut_a_sentence()
    {
        var sentences = Enumerable.Range(1, 30).Select(i => $"Sentence number {i} talks about dose {i} mg.").ToArray();
        var chunks = Chunker().Chunk("doc", Document(Block(1, string.Join(" ", sentences))));

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.True(c.Tokens <= 40 + 2, $"{c.Tokens} tokens"));
        foreach (var sentence in sentences)
        {
            Assert.Contains(chunks, c => c.Text.Contains(sentence));
        }
    }

    [Fact]
    public void Ids_are_the_document_id_and_ordinal_so_rechunking_gives_the_same_ids()
    {
        var document = Document(Block(1, string.Join(" ", Enumerable.Repeat("Doses are taken daily.", 40))));
        var first = Chunker().Chunk("abc", document);
        var second = Chunker().Chunk("abc", document);

        Assert.Equal(first.Select(c => c.Id), second.Select(c => c.Id));
        Assert.Equal(Enumerable.Range(0, first.Count).Select(i => $"abc-{i}"), first.Select(c => c.Id));
        Assert.Equal(first.Select(c => c.Text), second.Select(c => c.Text));
    }

    [Fact]
    public void A_chunk_spanning_pages_knows_the_page_of_every_sentence()
    {
        var chunks = Chunker(tokens: 200).Chunk("doc", Document(
            Block(1, "Page one ends with the loading dose."),
            Block(2, "Page two starts with the maintenance dose.")));

        var chunk = Assert.Single(chunks);
        Assert.Equal([1, 2], chunk.Pages);
        Assert.Equal(1, chunk.PageAt(chunk.Text.IndexOf("loading", StringComparison.Ordinal)));
        Assert.Equal(2, chunk.PageAt(chunk.Text.IndexOf("maintenance", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_new_section_starts_a_new_chunk_without_overlap()
    {
        var chunks = Chunker(tokens: 200).Chunk("doc", Document(
            Block(1, "Take with food.", "2 DOSAGE AND ADMINISTRATION"),
            Block(1, "Headache was common.", "6 ADVERSE REACTIONS")));

        Assert.Equal(2, chunks.Count);
        Assert.Equal("2 DOSAGE AND ADMINISTRATION", chunks[0].Section);
        Assert.Equal("Headache was common.", chunks[1].Text);
    }

    [Fact]
    public void Consecutive_chunks_overlap_by_whole_sentences()
    {
        var sentences = Enumerable.Range(1, 12).Select(i => $"Finding {i} was reported.").ToArray();
        var chunks = Chunker(tokens: 30, overlap: 8).Chunk("doc", Document(Block(1, string.Join(" ", sentences))));

        for (var i = 1; i < chunks.Count; i++)
        {
            var firstSentence = chunks[i].Text.Split(". ")[0];
            Assert.Contains(firstSentence, chunks[i - 1].Text);
        }
    }

    [Fact]
    public void A_sentence_longer_than_a_chunk_is_cut_at_words()
    {
        var longSentence = string.Join(" ", Enumerable.Range(1, 300).Select(i => $"word{i}"));
        var chunks = Chunker(tokens: 50, overlap: 0).Chunk("doc", Document(Block(3, longSentence)));

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.True(c.Tokens <= 52));
        Assert.All(chunks, c => Assert.Equal([3], c.Pages));
        Assert.Equal(longSentence, string.Join(" ", chunks.Select(c => c.Text)));
    }

    [Fact]
    public void A_figure_or_equation_is_a_chunk_of_its_own_made_of_its_description()
    {
        var chunks = Chunker(tokens: 200).Chunk("doc", Document(
            Block(1, "Text before the figure."),
            new ContentBlock { Kind = BlockKind.Image, Page = 2, Text = "", Description = "Figure 1: Mean plasma concentration of warfarin." },
            new ContentBlock { Kind = BlockKind.Equation, Page = 2, Text = "CL = Dose / AUC", Description = "Equation. CL = Dose / AUC." },
            Block(2, "Text after it.")));

        Assert.Equal([BlockKind.Text, BlockKind.Image, BlockKind.Equation, BlockKind.Text], chunks.Select(c => c.Kind));
        Assert.Equal("Figure 1: Mean plasma concentration of warfarin.", chunks[1].Text);
        Assert.Equal([2], chunks[1].Pages);
    }

    [Fact]
    public void Every_chunk_after_the_first_carries_the_documents_title_words_after_its_section_path()
    {
        var document = Document(
            Block(1, "ZORVATIDE tablets, for oral use."),
            Block(1, "These highlights do not include all the information needed to use ZORVATIDE safely."),
            Block(1, "Initial approval: 2024. Zorvatide is a urate transporter inhibitor."),
            Block(2, string.Join(" ", Enumerable.Repeat("The dose is taken once daily with water.", 12)), "2 DOSAGE AND ADMINISTRATION"));

        var chunks = Chunker().Chunk("doc", document);

        Assert.Null(chunks[0].Section); // the first chunk opens with the title itself
        Assert.All(chunks.Skip(1), c =>
        {
            Assert.EndsWith("\nZORVATIDE tablets, for oral use. Initial approval: 2024. is a urate transporter inhibitor.", c.Section);
            Assert.DoesNotContain("These highlights", c.Section); // a label's standard sentence names nothing
        });
        var dosage = chunks.Where(c => c.Text.Contains("dose", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(dosage);
        Assert.All(dosage, c => Assert.Equal("2 DOSAGE AND ADMINISTRATION", c.SectionPath));
    }
}
