using PharmaRag.Core.Content;
using PharmaRag.Testing;

namespace PharmaRag.Documents.Tests;

public sealed class PdfStructureTests
{
    private static readonly PdfDocumentParser Parser = new();

    private static Task<ParsedDocument> ParseAsync(byte[] pdf) => Parser.ParseAsync(new MemoryStream(pdf), "test.pdf", CancellationToken.None);

    private static readonly string[][] AdverseReactions =
    [
        ["Adverse Reaction", "% Placebo N = 7,311", "% 10 mg N = 3,908"],
        ["Nasopharyngitis", "8.2", "12.9"],
        ["Arthralgia", "6.5", "8.9"],
        ["Diarrhea", "6.3", "7.3"],
    ];

    [Fact]
    public async Task A_ruled_table_keeps_every_value_under_its_header_with_caption_and_footnote()
    {
        var parsed = await ParseAsync(TestPdf.RuledTable("Table 1: Adverse Reactions in 2% or More", AdverseReactions, "* Percentages are of patients treated."));

        var block = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table);
        var table = block.Table!;
        Assert.Equal(AdverseReactions, table.Rows);
        Assert.Equal(1, table.HeaderRows);
        Assert.Equal("Table 1: Adverse Reactions in 2% or More", table.Caption);
        Assert.Equal(["* Percentages are of patients treated."], table.Footnotes);
        Assert.Equal(1, block.Page);
        Assert.Contains("| Diarrhea | 6.3 | 7.3 |", block.Text);
        // Cells, caption and footnote leave the text flow; the prose around the table stays in order.
        var text = parsed.Blocks.Where(b => b.Kind == BlockKind.Text).Select(b => b.Text).ToList();
        Assert.DoesNotContain(text, t => t.Contains("Nasopharyngitis") || t.Contains("Table 1") || t.Contains("Percentages"));
        Assert.True(parsed.Blocks.ToList().FindIndex(b => b.Text.Contains("lists the adverse")) < parsed.Blocks.ToList().IndexOf(block));
        Assert.True(parsed.Blocks.ToList().FindIndex(b => b.Text.Contains("Other reactions")) > parsed.Blocks.ToList().IndexOf(block));
    }

    [Fact]
    public async Task Headings_get_levels_and_section_paths_and_running_headers_and_footers_are_dropped()
    {
        var parsed = await ParseAsync(TestPdf.Structured(4));

        Assert.DoesNotContain(parsed.Blocks, b => b.Text.Contains("ACME Pharma") || b.Text.Contains("Page 2 of 4"));
        var top = Assert.Single(parsed.Blocks, b => b.Text == "2 DOSAGE SECTION 2");
        Assert.Equal(1, top.HeadingLevel);
        var sub = Assert.Single(parsed.Blocks, b => b.Text == "2.1 Dosage in Renal Impairment 2");
        Assert.Equal(2, sub.HeadingLevel);
        Assert.Equal("2 DOSAGE SECTION 2 > 2.1 Dosage in Renal Impairment 2", sub.Section);
        var body = Assert.Single(parsed.Blocks, b => b.Page == 3 && b.Text.StartsWith("Monitoring"));
        Assert.Equal("3 DOSAGE SECTION 3 > 3.1 Dosage in Renal Impairment 3", body.Section);
    }

    [Fact]
    public async Task Words_broken_at_a_line_end_are_rejoined_and_formulas_become_equations()
    {
        var parsed = await ParseAsync(TestPdf.Structured(2));

        Assert.Contains(parsed.Blocks, b => b.Text.Contains("need a dose adjustment before treatment"));
        var equation = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Equation && b.Page == 1);
        Assert.Equal("CLcr = (140 - age) x weight / (72 x SCr)", equation.Text);
    }

    [Fact]
    public async Task A_table_continued_on_the_next_page_is_joined_and_its_repeated_header_dropped()
    {
        var first = TestPdf.RuledTable("Table 2: Dosing", AdverseReactions, "");
        var parsedFirst = await ParseAsync(first);
        Assert.Single(parsedFirst.Blocks, b => b.Kind == BlockKind.Table);

        var pdf = TestPdf.TwoTablePages(AdverseReactions, [AdverseReactions[0], ["Nausea", "3.5", "3.7"], ["Myalgia", "3.1", "3.6"]]);
        var parsed = await ParseAsync(pdf);

        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table);
        Assert.Equal(6, table.Table!.Rows.Count);
        Assert.Equal(["Myalgia", "3.1", "3.6"], table.Table.Rows[^1]);
        Assert.Equal([1, 1, 1, 1, 2, 2], table.Table.RowPages);
    }

    [Fact]
    public async Task A_ruled_table_without_side_borders_keeps_its_row_labels_as_the_first_cell_of_each_row()
    {
        string[][] interventions =
        [
            ["Arm name", "Low dose", "High dose", "Placebo"],
            ["Type", "Drug", "Drug", "Placebo"],
            ["Unit dose strengths", "5 mg", "25 mg", "NA"],
            ["Dosage level(s)", "10mg", "50mg", "NA"],
            ["Route", "Oral", "Oral", "Oral"],
        ];
        var parsed = await ParseAsync(TestPdf.OpenSidedTable("Table 6-1 Study interventions", interventions));

        var block = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table);
        Assert.Equal(interventions, block.Table!.Rows);
        Assert.Contains("| Dosage level(s) | 10mg | 50mg | NA |", block.Text);
        Assert.DoesNotContain(parsed.Blocks, b => b.Kind == BlockKind.Text && b.Text.Contains("Dosage level"));
    }

    [Fact]
    public async Task A_heading_spanning_several_columns_heads_each_of_them()
    {
        string[][] doses =
        [
            ["Dose", "Predicted activity", "", "", "Predicted increase", ""],
            ["", "Trough %", "Peak %", "Mean %", "Trough %", "Peak %"],
            ["50 mg", "13", "3", "7", "12", "20"],
            ["20 mg", "40", "11", "23", "8", "15"],
        ];
        var parsed = await ParseAsync(TestPdf.SpannedHeaderTable("Table 4-1 Doses", doses));

        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table).Table!;
        Assert.Equal(2, table.HeaderRows);
        Assert.Equal(["Dose", "Predicted activity", "Predicted activity", "Predicted activity", "Predicted increase", "Predicted increase"], table.Rows[0]);
        Assert.Equal(doses[1..], table.Rows.Skip(1));
    }

    [Fact]
    public async Task A_caption_printed_at_the_foot_of_a_page_goes_with_the_table_that_starts_the_next_page()
    {
        string[][] rows =
        [
            ["Measure", "Placebo (N = 12)", "20 mg (N = 13)"],
            ["TG", "-12.4", "-38.7"],
            ["HDL-C", "3.8", "11.0"],
        ];
        var pdf = TestPdf.CaptionAtPageFoot(
            ["The response in patients with isolated hypertriglyceridemia is shown in the table below."],
            "Table 10: Combined Patients with Isolated Elevated TG: Median Percentage Change From Baseline",
            rows);

        var parsed = await ParseAsync(pdf);

        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table);
        Assert.Equal(2, table.Page);
        Assert.Equal("Table 10: Combined Patients with Isolated Elevated TG: Median Percentage Change From Baseline", table.Table!.Caption);
        Assert.Equal(rows, table.Table.Rows);
        Assert.DoesNotContain(parsed.Blocks, b => b.Kind == BlockKind.Text && b.Text.Contains("Table 10"));
        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Text && b.Text.Contains("isolated hypertriglyceridemia"));
    }

    [Fact]
    public async Task A_caption_numbered_the_protocol_way_is_the_table_caption()
    {
        var parsed = await ParseAsync(TestPdf.RuledTable("Table LZZT.1. Laboratory Tests Performed at Admission (Visit 1)", AdverseReactions, "* Percentages are of patients treated."));

        var block = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table);
        Assert.Equal("Table LZZT.1. Laboratory Tests Performed at Admission (Visit 1)", block.Table!.Caption);
        Assert.DoesNotContain(parsed.Blocks, b => b.Kind == BlockKind.Text && b.Text.Contains("LZZT.1"));
    }

    [Fact]
    public async Task A_table_printed_one_cell_per_line_under_its_caption_is_read_as_rows_of_cells()
    {
        var pdf = TestPdf.Pages(
        [
            "Table 12: Cmax and AUC Following Administration of Single Doses of Tablets to",
            "Healthy Subjects",
            "Dose (mg)", "Cmax (mcg/mL)", "AUC (mcg.hr/mL)",
            "250", "1.2", "4.8",
            "500", "2.4", "11.6",
            "1000", "5.4", "30.8",
            "Maximum serum concentrations are attained 1 to 2 hours after oral dosing in most subjects.",
        ]);
        var list = TestPdf.Pages(
        [
            "Table 8: Medically Important Adverse Reactions That Occurred in less than 1% of Patients",
            "System Organ Class", "Adverse Reactions", "Body as a Whole", "Headache", "Abdominal Pain", "Cardiovascular", "Syncope",
        ]);

        var parsed = await ParseAsync(pdf);
        var listed = await ParseAsync(list);

        // Every cell on a baseline of its own: the rows were one paragraph of numbers
        // ("Dose (mg) Cmax (mcg/mL) AUC (mcg.hr/mL) 250 1.2 4.8 500 ..."), the value of a dose
        // and a measure nowhere side by side.
        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table);
        Assert.Equal([["Dose (mg)", "Cmax (mcg/mL)", "AUC (mcg.hr/mL)"], ["250", "1.2", "4.8"], ["500", "2.4", "11.6"], ["1000", "5.4", "30.8"]], table.Table!.Rows);
        Assert.Equal(1, table.Table.HeaderRows);
        Assert.Equal("Table 12: Cmax and AUC Following Administration of Single Doses of Tablets to Healthy Subjects", table.Table.Caption);
        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Text && b.Text.Contains("Maximum serum concentrations"));
        // A list of words under a caption has no values: it stays text.
        Assert.DoesNotContain(listed.Blocks, b => b.Kind == BlockKind.Table);
    }

    [Fact]
    public async Task A_list_of_the_table_s_abbreviations_under_it_is_its_footnote_however_long()
    {
        string[][] rows =
        [
            ["Resistance", "Strategy", "Key agents"],
            ["SCLC transformation", "EP + PD-L1", "Etoposide + platinum + Atezolizumab"],
            ["MET amplification", "EGFR-TKI + MET-TKI", "Osimertinib + Savolitinib"],
        ];
        string[] glossary =
        [
            "EP, etoposide plus platinum; PD-L1, programmed death-ligand 1; ORR, objective response rate;",
            "mPFS, median progression-free survival; mOS, median overall survival; PS, performance status;",
            "SCLC, small cell lung cancer; NSCLC, non-small cell lung cancer; DLL3, delta-like ligand 3;",
            "EGFR, epidermal growth factor receptor; TKI, tyrosine kinase inhibitor; ADC, antibody-drug conjugate;",
            "MET, mesenchymal-epithelial transition; HER2, human epidermal growth factor receptor 2;",
            "BiTE, bispecific T-cell engager; ICI, immune checkpoint inhibitor; DCR, disease control rate;",
            "EMT, epithelial-mesenchymal transition; TGF, transforming growth factor; mo, months;",
            "CNS, central nervous system; ILD, interstitial lung disease; AE, adverse event;",
            "OS, overall survival; PFS, progression-free survival; CR, complete response;",
            "PR, partial response; SD, stable disease; PD, progressive disease.",
        ];

        var parsed = await ParseAsync(TestPdf.TableWithGlossary("Table 1. Strategies for resistance mechanisms", rows, glossary));

        // Ten lines printed as large as the cells and with no footnote mark were body text: the
        // table never said what "SCLC" stands for.
        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table).Table!;
        var notes = string.Join(" ", table.Footnotes);
        Assert.Contains("SCLC, small cell lung cancer;", notes);
        Assert.Contains("PD, progressive disease.", notes);
        Assert.DoesNotContain(parsed.Blocks, b => b.Kind == BlockKind.Text && b.Text.Contains("small cell lung cancer"));
        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Text && b.Text.Contains("Responses were assessed"));
    }

    [Fact]
    public async Task A_first_column_cell_spanning_rows_whose_rules_stop_short_of_it_fills_each_row()
    {
        string[][] rows =
        [
            ["Infusion bag volume", "Infusion time", "Rate of infusion"],
            ["", "30 min", "8.33 mL/min"],
            ["250 mL", "60 min", "4.17 mL/min"],
            ["", "120 min", "2.08 mL/min"],
            ["", "30 min", "3.33 mL/min"],
            ["100 mL", "60 min", "1.67 mL/min"],
            ["", "120 min", "0.83 mL/min"],
        ];
        var parsed = await ParseAsync(TestPdf.TableWithRowSpans(rows, openRowRules: [2, 3, 5, 6]));

        // "250 mL" is printed once beside three rows: the 30 and 120 min rows had no bag volume.
        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table).Table!;
        Assert.Equal(["250 mL", "30 min", "8.33 mL/min"], table.Rows[1]);
        Assert.Equal(["250 mL", "120 min", "2.08 mL/min"], table.Rows[3]);
        Assert.Equal(["100 mL", "30 min", "3.33 mL/min"], table.Rows[4]);
        Assert.Equal(["100 mL", "120 min", "0.83 mL/min"], table.Rows[6]);
    }

    [Fact]
    public async Task Two_columns_printed_under_one_pair_of_column_rules_are_two_columns()
    {
        string[][] rows =
        [
            ["Parameter", "Remdesivir", "GS-441524", "GS-704277"],
            ["Tmax (h)", "0.67-0.68", "1.51-2.00", "0.75"],
            ["t1/2 (h)", "1", "27", "1.3"],
            ["Urine (%)", "10", "49", "2.9"],
        ];
        var parsed = await ParseAsync(TestPdf.TableWithUndrawnRule(rows, undrawnRule: 2));

        // No rule is drawn between "Remdesivir" and "GS-441524": their values read as one cell ("1 27").
        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table).Table!;
        Assert.Equal(["Parameter", "Remdesivir", "GS-441524", "GS-704277"], table.Rows[0]);
        Assert.Equal(["t1/2 (h)", "1", "27", "1.3"], table.Rows[2]);
    }

    [Fact]
    public async Task A_caption_label_set_a_tab_apart_from_its_title_keeps_the_title()
    {
        string[][] rows =
        [
            ["Reaction", "Drug N=532", "Placebo N=516"],
            ["Serious adverse reactions", "2 (0.4%)", "3 (0.6%)"],
            ["Leading to discontinuation", "11 (2%)", "15 (3%)"],
        ];
        var parsed = await ParseAsync(TestPdf.TableWithTabbedCaption("Table 5", "Summary of Adverse Reaction Rates in Study A", rows));

        // The gap after "Table 5" splits the line: the caption was "Table 5" alone and the title a
        // paragraph of its own, so the table's chunks never said what it summarises.
        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table).Table!;
        Assert.Equal("Table 5 Summary of Adverse Reaction Rates in Study A", table.Caption);
        Assert.DoesNotContain(parsed.Blocks, b => b.Kind == BlockKind.Text && b.Text.Contains("Summary of Adverse"));
    }

    [Fact]
    public async Task A_schedule_of_activities_is_headed_by_its_visit_and_day_rows()
    {
        string[][] schedule =
        [
            ["Visit", "Screening", "Baseline", "Week 2", "Follow-Up Visit"],
            ["Days", "-28 to -8", "-7 to -1", "14 (+/- 7)", "98 (+/- 7)"],
            ["Informed consent", "x", "", "", ""],
            ["Randomization", "", "x", "", ""],
            ["Physical examination", "x", "", "", "x"],
            ["Vital signs", "x", "x", "x", "x"],
        ];

        var parsed = await ParseAsync(TestPdf.RuledTable("Table 1: Schedule of Assessments", schedule, "x = assessment performed."));

        // The day row holds numbers, so it was read as the first data row: the marked cells of the
        // rows below it (and of every chunk after the first) no longer said which day they stand for.
        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table).Table!;
        Assert.Equal(schedule, table.Rows);
        Assert.Equal(2, table.HeaderRows);
    }
}
