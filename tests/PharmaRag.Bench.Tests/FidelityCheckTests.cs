using PharmaRag.Bench.Fidelity;

namespace PharmaRag.Bench.Tests;

public sealed class FidelityCheckTests
{
    private static readonly string[] Pages =
    [
        "1 INDICATIONS AND USAGE\nThe drug is indicated for adults with a confirmed infection that\nrequires hospital care. Give it only where acute care is avail-\nable at all hours.\n\nReference ID: 123\n",
        "2 DOSAGE\nThe loading dose is two hundred milligrams on the first day of treatment.\n\nReference ID: 123\n",
        "3 STORAGE\nStore the vials below thirty degrees in their original carton until use.\n\nReference ID: 123\n",
    ];

    [Fact]
    public void Sentences_join_their_lines_and_leave_out_headings_and_running_lines()
    {
        var sentences = ReferenceText.Sentences(Pages).Select(u => u.Text).ToArray();

        Assert.Contains("The drug is indicated for adults with a confirmed infection that requires hospital care.", sentences);
        Assert.Contains("Give it only where acute care is avail-able at all hours.", sentences);
        Assert.DoesNotContain(sentences, s => s.Contains("Reference ID", StringComparison.Ordinal) || s.Contains("INDICATIONS", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_a_chunk_boundary_cuts_before_sixty_characters_is_a_boundary_miss_and_a_whole_one_is_found()
    {
        var sentence = new ReferenceUnit(2, "The loading dose is two hundred milligrams on the first day of treatment.", []);
        var check = new FidelityCheck(["2 DOSAGE The loading dose is two hundred", "milligrams on the first day of treatment."]);
        var whole = new FidelityCheck(["2 DOSAGE\nThe loading dose is two hundred\nmilligrams on the first day of treatment."]);

        Assert.Equal(FidelityOutcome.ChunkBoundary, check.Check(sentence).Outcome);
        Assert.Equal(FidelityOutcome.Found, whole.Check(sentence).Outcome);
    }

    [Fact]
    public void Rows_are_found_by_their_cells_in_order_and_a_lost_cell_is_told_apart_from_columns()
    {
        var row = new ReferenceUnit(4, "Loading dose 200 mg 250 mL 40 mL", ["Loading dose 200 mg", "250 mL", "40 mL (2 vials)"]);
        var stored = new FidelityCheck(["| Loading dose 200 mg | 250 mL | 40 mL (2 vials) |"]);
        var apart = new FidelityCheck(["| 250 mL | 40 mL (2 vials) |", "Loading dose 200 mg"]);
        var lost = new FidelityCheck(["| Loading dose 200 mg | 250 mL |"]);

        Assert.Equal(FidelityOutcome.Found, stored.Check(row).Outcome);
        Assert.Equal(FidelityOutcome.RowCellsApart, apart.Check(row).Outcome);
        Assert.Equal(FidelityOutcome.RowCellLost, lost.Check(row).Outcome);
    }
}
