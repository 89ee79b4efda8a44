using PharmaRag.Core.Content;
using PharmaRag.Documents;
using PharmaRag.Testing;

namespace PharmaRag.Documents.Tests;

public sealed class PdfDocumentParserTests
{
    private static readonly PdfDocumentParser Parser = new();

    private static Task<ParsedDocument> ParseAsync(byte[] pdf) => Parser.ParseAsync(new MemoryStream(pdf), "test.pdf", CancellationToken.None);

    [Fact]
    public async Task Every_page_is_read_and_blocks_carry_their_page_and_box()
    {
        var parsed = await ParseAsync(TestPdf.Numbered(5));

        Assert.Equal(5, parsed.Pages);
        Assert.Empty(parsed.UnreadablePages);
        for (var page = 1; page <= 5; page++)
        {
            var blocks = parsed.Blocks.Where(b => b.Page == page).ToArray();
            Assert.NotEmpty(blocks);
            Assert.Contains(blocks, b => b.Text.Contains($"pg{page}marker"));
            Assert.All(blocks, b => Assert.True(b.Box is { } box && box.Right > box.Left && box.Top > box.Bottom));
        }
    }

    [Fact]
    public async Task Two_columns_are_read_one_after_the_other_never_interleaved()
    {
        var left = Enumerable.Range(1, 8).Select(i => $"Left column line {i} about dosing.").ToArray();
        var right = Enumerable.Range(1, 8).Select(i => $"Right column line {i} about warnings.").ToArray();

        var parsed = await ParseAsync(TestPdf.TwoColumns(left, right));

        var text = string.Join("\n", parsed.Blocks.Select(b => b.Text));
        var leftPositions = left.Select(l => text.IndexOf(l, StringComparison.Ordinal)).ToArray();
        var rightPositions = right.Select(r => text.IndexOf(r, StringComparison.Ordinal)).ToArray();
        Assert.All(leftPositions.Concat(rightPositions), p => Assert.True(p >= 0));
        Assert.True(leftPositions.Max() < rightPositions.Min() || rightPositions.Max() < leftPositions.Min(),
            "one column's lines must all come before the other's");
        Assert.Equal(leftPositions.Order(), leftPositions);
    }

    [Fact]
    public async Task Two_justified_columns_an_em_apart_are_read_column_by_column_not_across_the_gutter()
    {
        var left = string.Join(' ', Enumerable.Range(1, 14).Select(i =>
            $"The loading dose in step {i} is given over one hour by slow infusion into a vein."));
        var right = string.Join(' ', Enumerable.Range(1, 14).Select(i =>
            $"Warning number {i} says that liver tests are checked before and during each course."));

        var parsed = await ParseAsync(TestPdf.JustifiedColumns(left, right));

        var text = string.Join(' ', string.Join(' ', parsed.Blocks.Select(b => b.Text)).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(left, text);
        Assert.Contains(right, text);
    }

    [Fact]
    public async Task A_line_break_at_the_hyphen_of_a_compound_of_two_words_the_document_uses_keeps_the_hyphen()
    {
        // "concentration-" / "dependent": both halves are words of the document, and neither spelling
        // is printed elsewhere, so the hyphen is the compound's own. "treat-" / "ment" still joins.
        string[] lines =
        [
            "The effective concentration was measured in cells.",
            "A dose-dependent effect was seen with chloroquine.",
            "Two experiments show no evidence of concentration-",
            "dependent protein binding for the drug.",
            "Patients who need to treat-",
            "ment early should treat with care.",
        ];

        var parsed = await ParseAsync(TestPdf.Pages(lines));

        var text = string.Join(' ', parsed.Blocks.Select(b => b.Text)).Replace('\n', ' ');
        Assert.Contains("no evidence of concentration-dependent protein binding", text, StringComparison.Ordinal);
        Assert.Contains("need to treatment early", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_without_text_is_reported_unreadable_not_silently_empty()
    {
        var parsed = await ParseAsync(TestPdf.Pages(["Only the first page has text."], []));

        Assert.Equal(2, parsed.Pages);
        Assert.Equal([2], parsed.UnreadablePages);
    }

    [Fact]
    public async Task Corrupt_encrypted_and_non_pdf_files_fail_with_a_reason()
    {
        var corrupt = await Assert.ThrowsAsync<DocumentParseException>(() => ParseAsync(TestPdf.Corrupt()));
        Assert.Contains("damaged", corrupt.Message);

        var encrypted = await Assert.ThrowsAsync<DocumentParseException>(() => ParseAsync(TestPdf.Encrypted()));
        Assert.Contains("encrypted", encrypted.Message);

        var html = await Assert.ThrowsAsync<DocumentParseException>(() => ParseAsync("<html>nope</html>"u8.ToArray()));
        Assert.Contains("not a PDF", html.Message);

        var valid = TestPdf.Numbered(3);
        var truncated = await Record.ExceptionAsync(() => ParseAsync(valid[..(valid.Length / 3)]));
        Assert.True(truncated is null or DocumentParseException, $"truncated PDFs fail with a reason, not {truncated?.GetType()}");
    }

    [Fact]
    public async Task Capitals_a_fonts_ToUnicode_map_sends_to_small_letters_read_as_the_page_prints_them()
    {
        // The map gives "c" for the code of "C" (and so on): trusting it read "HeR2-Adc oRR nsclc".
        var pdf = TestPdf.MiscasedToUnicode("HER2-ADC ORR in NSCLC: trastuzumab deruxtecan (DESTINY-Lung01)", "CDEILNOS");

        var parsed = await ParseAsync(pdf);

        var text = string.Join(' ', parsed.Blocks.Select(b => b.Text));
        Assert.Contains("HER2-ADC ORR in NSCLC: trastuzumab deruxtecan (DESTINY-Lung01)", text);
    }
    [Fact]
    public async Task Glyphs_of_a_font_that_is_not_embedded_are_placed_by_their_advance_not_the_fonts_bounding_box()
    {
        // PdfPig gives each glyph of a non-embedded font the font's bounding box, 2.7 em wide and
        // starting left of the pen: "logical" (non-embedded) sorted its "l" before the "o" of
        // "radio" (Helvetica) and read "radiloogical"; "2 x" and "20 mL", drawn 4 points apart with
        // no space glyph, read "2 x20 mL".
        var pdf = TestPdf.FontBoxGlyphs((50, "radio", true), (76.68, "logical evidence", false), (250, "2 x", false), (268, "20 mL", false));

        var parsed = await ParseAsync(pdf);

        var text = string.Join(' ', parsed.Blocks.Select(b => b.Text));
        Assert.Contains("radiological evidence", text);
        Assert.Contains("2 x 20 mL", text);
    }
}
