using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Core.Tests;

/// <summary>Table lookups: the answer reads the cell of the row and the column the question names.</summary>
public sealed class TableAnswerTests
{
    private static readonly ExtractiveAnswerer Answerer = new(Options.Create(new RetrievalOptions { AnswerSentences = 2 }));

    private static SearchHit Hit(string document, string file, int ordinal, string text, string section, int page) => new(new Chunk
    {
        Id = $"{document}-{ordinal}", DocumentId = document, Ordinal = ordinal, Text = text, Tokens = 10,
        PageSpans = [new PageSpan(0, page)], Section = section,
    }, file, 1);

    [Fact]
    public void A_row_the_question_names_by_its_initials_is_read()
    {
        var table = Hit("b", "stroke-protocol.pdf", 40,
            "Table 10–3 Grading of severity of liver disease\n"
            + "| Factor | +1 | +2 | +3 |\n| --- | --- | --- | --- |\n"
            + "| Bilirubin (mg/dL) | < 2 | 2 – 3 | > 3 |\n"
            + "| Albumin (g/dL) | > 3.5 | 2.8 – 3.5 | < 2.8 |\n"
            + "| International Normalized Ratio | < 1.7 | 1.7 – 2.3 | > 2.3 |\n"
            + "| Ascites | None | Mild | Moderate / Severe |",
            "Appendix 6: Calculating the Child-Pugh Score", page: 75);

        var (answer, citations) = Answerer.Answer("For the Child-Pugh grading, what INR range scores +2 points?", [table]);

        // "INR" is no word of the row "International Normalized Ratio": the rows of bilirubin and
        // albumin, whose +2 cells hold numbers too, were quoted instead.
        Assert.StartsWith("International Normalized Ratio — ", answer);
        Assert.Contains("1.7 – 2.3", answer);
        Assert.Equal(75, citations[0].Page);
    }

    [Fact]
    public void A_row_whose_cells_are_sentences_with_a_section_number_is_data_not_a_second_header()
    {
        var table = Hit("w", "copper-protocol.pdf", 12,
            "Table 3:\n"
            + "| Potential Risk of Clinical Significance | Summary of Data/Rationale for Risk | Mitigation Strategy |\n"
            + "| Study drug |  |  |\n| --- | --- | --- |\n"
            + "| Neurological dysfunction | Neurological worsening may occur due to copper mobilization. | Regular monitoring for neurologic adverse events. Dose modification or discontinuation (Section 6.6). |\n"
            + "| Study Procedures |  |  |\n"
            + "| Risks associated with the study procedures | Participants will undergo repeated blood draws. | A catheter should be flushed a minimum of every 8 hours. |",
            "INTRODUCTION > Potential Risks and Mitigation Strategy", page: 21);

        var (answer, _) = Answerer.Answer("In the copper study, how is the risk of neurological dysfunction mitigated?", [table]);

        // The first row's cells hold a bracketed number ("(Section 6.6)") and no value, as an arm's
        // size "(N=607)" does under a heading: it was read as a second header line, and the answer
        // quoted the blood-draw row under the neurological row's sentences as headings. "Mitigated"
        // names the "Mitigation Strategy" column as "risk" names the one before it.
        Assert.StartsWith("Neurological dysfunction — ", answer);
        Assert.Contains("Mitigation Strategy: Regular monitoring for neurologic adverse events.", answer);
        Assert.DoesNotContain("blood draws", answer);
    }

    [Fact]
    public void A_row_the_question_names_in_the_words_its_abbreviation_stands_for_is_read()
    {
        // The chunk as TableChunker writes a table's part that the footnote does not reach.
        var table = Hit("e", "egfr-review.pdf", 30,
            "Table 1. Targeted strategies for resistance mechanisms\n"
            + "| Resistance mechanism | Strategy | Key agents |\n| --- | --- | --- |\n"
            + "| MET amplification | EGFR-TKI + MET-TKI | Osimertinib + Savolitinib |\n"
            + "| Squamous cell transformation | Chemotherapy | Paclitaxel + Bevacizumab |\n"
            + "| SCLC transformation | EP + PD-L1 | Etoposide + platinum + Atezolizumab |\n"
            + "Abbreviations spelled out: EP = etoposide plus platinum; SCLC = small cell lung cancer",
            "6 Resistance management", page: 14);

        var (answer, _) = Answerer.Answer("When the tumour turns into small cell lung cancer, which agents does the table list?", [table]);

        // "SCLC" is no word of the question: the squamous cell row, sharing "cell", was quoted.
        Assert.StartsWith("SCLC transformation — ", answer);
        Assert.Contains("Etoposide + platinum + Atezolizumab", answer);
        Assert.DoesNotContain("Abbreviations spelled out", answer);
    }

    [Fact]
    public void The_time_to_peak_is_read_from_the_row_of_its_symbol()
    {
        var table = Hit("r", "cathepsin-protocol.pdf", 55,
            "Table 1 Summary Pharmacokinetic Parameters at Steady-State\n"
            + "| Parameters (Units) | 50 mg b.i.d. N = 6 | 100 mg b.i.d. N = 6 |\n| --- | --- | --- |\n"
            + "| AUC0-12h (ng • h/mL) | 9650 (12%) | 21500 (14%) |\n"
            + "| Cmax (ng/mL) | 1110 (19%) | 2340 (19%) |\n"
            + "| Tmax (h) | 4.5 (0.0-6.0) | 4.0 (3.0-6.0) |",
            "2.3 Clinical pharmacokinetics", page: 34);

        var (answer, _) = Answerer.Answer("What is the time to peak for the 100 mg twice-daily group?", [table]);

        // No row holds "time" or "peak": the table prints the parameter as its symbol, Tmax.
        Assert.StartsWith("Tmax (h) — ", answer);
        Assert.Contains("4.0 (3.0-6.0)", answer);
    }

    [Fact]
    public void A_schedule_s_day_row_is_read_under_the_visit_names_above_it()
    {
        // The chunk as TableChunker writes a schedule of activities: the visit names and the study
        // days are its header rows, the marks its body.
        var table = Hit("r", "sjogren-protocol.pdf", 88,
            "Appendix 1 Schedule of Assessments\n"
            + "| Visit | Screening | Baseline | Week 2 | Week 12 | Follow-Up Visit |\n"
            + "| Days | -28 to -8 | -7 to -1 | 14 (± 7) | 84 (± 7) | 98 (± 7) |\n| --- | --- | --- | --- | --- | --- |\n"
            + "| Informed consent | x |  |  |  |  |\n"
            + "| Saliva flow assessment |  | x | x | x |  |\n"
            + "| Physical examination | x |  |  |  | x |\n"
            + "| Adverse events | x | x | x | x | x |",
            "Appendices", page: 90);

        var (answer, citations) = Answerer.Answer("On which study day is the follow-up visit, and with what window?", [table]);

        // The day row is a header row: it was never quoted, and the rows under it said only "x".
        Assert.StartsWith("Days — Follow-Up Visit: 98 (± 7)", answer);
        Assert.Equal(90, citations[0].Page);
    }

    [Fact]
    public void A_cell_marked_with_a_footnote_is_quoted_with_the_footnote()
    {
        var table = Hit("f", "antiviral-label.pdf", 9,
            "Table 4 Summary of Adverse Reaction Rates in Trial 801\n"
            + "| Types of Adverse Reactions | Drug X N=210 n (%) | Placebo N=205 n (%) |\n| --- | --- | --- |\n"
            + "| Serious adverse reactions | 3 (1%)a | 2 (1%) |\n"
            + "| Adverse reactions leading to treatment discontinuation | 7 (3%) b | 9 (4%) |\n"
            + "a.\nSyncope (n=2), chest pain (n=1).\n"
            + "b.\nRash (n=4), bilirubin increased (n=2), vomiting (n=1).",
            "6 ADVERSE REACTIONS > 6.1 Clinical Trials Experience", page: 9);

        var (answer, citations) = Answerer.Answer("Which adverse reactions led to treatment discontinuation with Drug X in Trial 801?", [table]);

        // The count "7 (3%) b" was quoted without what its footnote lists, which is what the question asks.
        Assert.StartsWith("Adverse reactions leading to treatment discontinuation — ", answer);
        Assert.Contains("Rash (n=4), bilirubin increased (n=2), vomiting (n=1)", answer);
        Assert.DoesNotContain("Syncope", answer);
        Assert.Equal(9, citations[0].Page);
    }

    [Fact]
    public void The_column_names_under_a_group_heading_are_a_header_line_and_the_named_column_is_quoted()
    {
        // The chunk as TableChunker writes a table whose heading "Participants Given" spans the
        // arms: the extractor keeps only the heading above "| --- |", and the arms' names, under
        // the label column's own heading "Outcome", come as the first row below it.
        var table = Hit("k", "anticoagulant-label.pdf", 21,
            "Table 7: Open-Label Study of Drug K in Patients with Artificial Joints\n"
            + "|  | Participants Given |  |  |\n| --- | --- | --- | --- |\n"
            + "| Outcome | Drug K | Clopidogrel/Aspirin | Heparin/Aspirin |\n"
            + "| Deep vein thrombosis | 1.4/100 py | 6.3/100 py | 5.1/100 py |\n"
            + "| Major hemorrhage | 2.9/100 py | 0.4/100 py | 1.2/100 py |",
            "14 CLINICAL STUDIES > 14.3 Artificial Joints", page: 21);

        var (answer, citations) = Answerer.Answer(
            "For participants with artificial joints, what was the deep vein thrombosis rate with clopidogrel/aspirin?", [table]);

        // The arms' row was read as data: the answer quoted it ("Outcome — Participants Given:
        // Drug K"), and the thrombosis row under the only heading there was, the spanning one,
        // which "participants" named: the Drug K cell.
        Assert.StartsWith("Deep vein thrombosis — ", answer);
        Assert.Contains("Clopidogrel/Aspirin: 6.3/100 py", answer);
        Assert.DoesNotContain("1.4/100 py", answer);
        Assert.DoesNotContain("Outcome", answer);
        Assert.Equal(21, citations[0].Page);
    }
}
