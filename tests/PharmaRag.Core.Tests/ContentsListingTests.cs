using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Core.Tests;

public sealed class ContentsListingTests
{
    private static Chunk Chunk(string text, BlockKind kind = BlockKind.Text) => new()
    {
        Id = "p-1", DocumentId = "p", Ordinal = 1, Text = text, Tokens = 80, PageSpans = [new PageSpan(0, 1)], Kind = kind,
    };

    [Fact]
    public void Run_on_numbered_section_titles_are_contents()
    {
        Assert.True(ContentsListing.Is(Chunk(
            "of Age and Older 2.3 Renal Impairment 2.4 Dose Preparation and Administration\n" +
            "3 DOSAGE FORMS AND STRENGTHS 4 CONTRAINDICATIONS 5 WARNINGS AND PRECAUTIONS\n6 ADVERSE REACTIONS\n6.1 Clinical Trials Experience")));
    }

    [Fact]
    public void A_table_headed_contents_is_contents()
    {
        Assert.True(ContentsListing.Is(Chunk(
            "| FULL PRESCRIBING INFORMATION: CONTENTS* |  |\n| --- | --- |\n| 8.1 | Pregnancy |", BlockKind.Table)));
    }

    [Fact]
    public void Doses_counts_colour_numbers_and_numbered_table_rows_are_not_contents()
    {
        Assert.False(ContentsListing.Is(Chunk(
            "Give 200 mg on Day 1 and 100 mg daily for 5 days. Stop after 10 days. Repeat 2 doses if 3 tests fail.")));
        Assert.False(ContentsListing.Is(Chunk(
            "3 mg: FD&C Blue No. 1 Aluminum Lake, FD&C Yellow No. 6 Aluminum Lake, FD&C Red No. 40 Aluminum Lake, " +
            "FD&C Blue No. 2 Aluminum Lake, D&C Red No. 6 Barium Lake, D&C Yellow No. 10 Aluminum Lake")));
        Assert.False(ContentsListing.Is(Chunk(
            "| 1 | Headache | 12 (5%) |\n| 2 | Nausea | 9 (4%) |\n| 3 | Rash | 7 (3%) |\n| 4 | Fatigue | 5 (2%) |\n| 5 | Cough | 4 (2%) |\n| 6 | Fever | 3 (1%) |",
            BlockKind.Table)));
    }
}
