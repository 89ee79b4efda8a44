using PharmaRag.Core.Content;
using PharmaRag.Testing;

namespace PharmaRag.Documents.Tests;

/// <summary>Tables printed without column rules: rows whose cells wrap over several lines.</summary>
public sealed class BorderlessTableTests
{
    private static readonly PdfDocumentParser Parser = new();

    private static async Task<TableContent> SingleTableAsync(byte[] pdf)
    {
        var parsed = await Parser.ParseAsync(new MemoryStream(pdf), "test.pdf", CancellationToken.None);
        return Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table).Table!;
    }

    [Fact]
    public async Task Wrapped_cells_with_a_hanging_indent_stay_in_their_row_under_a_heading_printed_on_two_lines()
    {
        // A journal table: heading on two lines above a rule, wrapped lines indented inside their
        // cell, and a gutter too narrow for the line builder after "MET amplification".
        double[] x = [72.7, 142.7, 260.1, 380.1, 463.6];
        var pieces = new List<(double, double, string)>
        {
            (72.7, 734, "Table 1. Strategies for resistance mechanisms"),
            (x[0], 722, "Resistance"), (391.5, 722, "Key clinical data/"),
            (x[0], 713, "Mechanism"), (x[1], 713, "Strategy"), (x[2], 713, "Key agent(s)"), (405.6, 713, "evidence"), (x[4], 713, "Status"),
            (x[0], 701, "T790M (post"), (x[1], 701, "3rd-gen TKI"), (x[2], 701, "Osimertinib"), (x[3], 701, "ORR: 70%; mPFS:"), (x[4], 701, "Approved (global)"),
            (x[0] + 10, 692, "1st/2nd-gen"), (x[3] + 10, 692, "10-11 mo"),
            (x[0] + 10, 683, "TKI)"),
            (x[0], 674, "C797S (cis)"), (x[1], 674, "4th-gen TKI"), (x[2], 674, "BLU-945; BLU-701;"), (x[3], 674, "Early activity"), (x[4], 674, "Ongoing clinical"),
            (x[2] + 10, 665, "CH7233163"), (x[3] + 10, 665, "(Phase I)"), (x[4] + 10, 665, "trials"),
            (x[0], 656, "MET amplification"), (x[1], 656, "3rd-gen TKI + MET-TKI"), (x[2], 656, "Osimertinib + Savolitinib"), (x[3], 656, "ORR: 56%;"), (x[4], 656, "Conditionally"),
            (x[3] + 10, 647, "7.4 mo"), (x[4] + 10, 647, "approved"),
            (x[0], 638, "SCLC (DLL3 high)"), (x[1], 638, "DLL3 BiTE"), (x[2], 638, "Tarlatamab"), (x[3], 638, "ORR: 40%"), (x[4], 638, "Ongoing clinical"),
            (x[4] + 10, 629, "trials"),
        };
        var table = await SingleTableAsync(TestPdf.Placed(pieces, [(731, 72.7, 522.6), (709.5, 72.7, 522.6), (625, 72.7, 522.6)]));

        Assert.Equal(1, table.HeaderRows);
        Assert.Equal(["Resistance Mechanism", "Strategy", "Key agent(s)", "Key clinical data/ evidence", "Status"], table.Rows[0]);
        Assert.Equal(5, table.Rows.Count);
        Assert.Equal(["T790M (post 1st/2nd-gen TKI)", "3rd-gen TKI", "Osimertinib", "ORR: 70%; mPFS: 10-11 mo", "Approved (global)"], table.Rows[1]);
        Assert.Equal(["C797S (cis)", "4th-gen TKI", "BLU-945; BLU-701; CH7233163", "Early activity (Phase I)", "Ongoing clinical trials"], table.Rows[2]);
        Assert.Equal(["MET amplification", "3rd-gen TKI + MET-TKI", "Osimertinib + Savolitinib", "ORR: 56%; 7.4 mo", "Conditionally approved"], table.Rows[3]);
        Assert.Equal(["SCLC (DLL3 high)", "DLL3 BiTE", "Tarlatamab", "ORR: 40%", "Ongoing clinical trials"], table.Rows[4]);
    }

    [Fact]
    public async Task Rows_set_apart_by_space_keep_their_wrapped_lines_when_the_wraps_start_flush()
    {
        // Lines inside a row are 10 points apart, rows 11.7: the agent's name wraps flush left.
        double[] x = [56.7, 109.6, 153.6, 419, 520];
        var pieces = new List<(double, double, string)>
        {
            (x[0], 700, "Agent"), (x[1], 700, "Target"), (x[2], 700, "Approved indications"), (x[3], 700, "Approved by"), (x[4], 700, "Ref."),
            (x[0], 688.3, "Gemtuzumab"), (x[1], 688.3, "CD33"), (x[2], 688.3, "Newly-diagnosed CD33-positive AML"), (x[3], 688.3, "FDA, MFDS, NoMA,"), (x[4], 688.3, "[18]"),
            (x[0], 678.3, "Ozogamicin"), (x[3], 678.3, "PMDA, EMA, TGA"),
            (x[0], 666.6, "Tisotumab"), (x[1], 666.6, "Tissue"), (x[2], 666.6, "Recurrent or metastatic cervical cancer"), (x[3], 666.6, "FDA, EMA, PMDA,"), (x[4], 666.6, "[35]"),
            (x[0], 656.6, "Vedotin"), (x[1], 656.6, "factor"), (x[2], 656.6, "after chemotherapy"), (x[3], 656.6, "NoMA"),
            (x[0], 644.9, "Polatuzumab"), (x[1], 644.9, "CD79B"), (x[2], 644.9, "Relapsed or refractory DLBCL"), (x[3], 644.9, "FDA, NMPA, EMA,"), (x[4], 644.9, "[24]"),
            (x[0], 634.9, "Vedotin"), (x[3], 634.9, "MHRA, TGA"),
        };
        var table = await SingleTableAsync(TestPdf.Placed(pieces, []));

        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(["Gemtuzumab Ozogamicin", "CD33", "Newly-diagnosed CD33-positive AML", "FDA, MFDS, NoMA, PMDA, EMA, TGA", "[18]"], table.Rows[1]);
        Assert.Equal(["Tisotumab Vedotin", "Tissue factor", "Recurrent or metastatic cervical cancer after chemotherapy", "FDA, EMA, PMDA, NoMA", "[35]"], table.Rows[2]);
        Assert.Equal(["Polatuzumab Vedotin", "CD79B", "Relapsed or refractory DLBCL", "FDA, NMPA, EMA, MHRA, TGA", "[24]"], table.Rows[3]);
    }

    [Fact]
    public async Task Evenly_spaced_rows_and_indented_terms_under_a_group_heading_stay_rows_of_their_own()
    {
        // An adverse-reactions table: every line is a row, terms indented under their body system.
        var pieces = new List<(double, double, string)>
        {
            (60, 700, "Adverse reaction"), (300, 700, "Drug 10 mg"), (400, 700, "Placebo"),
            (60, 688, "Gastrointestinal disorders"),
            (70, 676, "Nausea"), (300, 676, "5.1"), (400, 676, "3.0"),
            (70, 664, "Diarrhea"), (300, 664, "4.2"), (400, 664, "2.2"),
            (60, 652, "Nervous system disorders"),
            (70, 640, "Headache"), (300, 640, "9.4"), (400, 640, "7.1"),
            (70, 628, "Dizziness"), (300, 628, "3.3"), (400, 628, "2.9"),
        };
        var table = await SingleTableAsync(TestPdf.Placed(pieces, []));

        Assert.Contains(["Nausea", "5.1", "3.0"], table.Rows);
        Assert.Contains(["Diarrhea", "4.2", "2.2"], table.Rows);
        Assert.Contains(["Headache", "9.4", "7.1"], table.Rows);
        Assert.Contains(["Dizziness", "3.3", "2.9"], table.Rows);
    }

    [Fact]
    public async Task A_table_whose_cells_are_centred_keeps_each_row_label_with_its_values()
    {
        string[][] treatments =
        [
            ["Treatment Name", "LY900018", "GlucaGen"],
            ["Dosage Formulation", "Dry powder", "Dry powder"],
            ["Dosage Levels", "3 mg glucagon", "1 mg glucagon"],
            ["Route of Administration", "Intranasal", "Intramuscular"],
        ];
        var table = await SingleTableAsync(TestPdf.CentredTable("Table 2. Study Treatments", treatments, [133, 283, 456]));

        Assert.Equal(treatments, table.Rows);
    }

    [Fact]
    public async Task Short_labels_beside_sentence_long_descriptions_are_a_table_but_bullets_beside_sentences_are_not()
    {
        var pieces = new List<(double, double, string)>
        {
            (113, 700, "Severity"), (336, 700, "Description"),
            (113, 683, "Mild"), (198, 683, "Discomfort noticed, but no disruption of normal daily activity."),
            (113, 666, "Moderate"), (198, 666, "Discomfort sufficient to reduce or affect normal daily activity."),
            (113, 649, "Severe"), (198, 649, "Incapacitating with inability to work or to perform normal daily activity."),
            (113, 560, "\u2022"), (130, 560, "Patient withdrawal of consent anytime."),
            (113, 546, "\u2022"), (130, 546, "Excessively slow recruitment at sites."),
            (113, 532, "\u2022"), (130, 532, "Poor protocol adherence by investigators."),
        };
        var table = await SingleTableAsync(TestPdf.Placed(pieces, []));

        Assert.Contains(["Severe", "Incapacitating with inability to work or to perform normal daily activity."], table.Rows);
        Assert.DoesNotContain(table.Rows, r => r.Any(c => c.Contains("withdrawal")));
    }

    [Fact]
    public async Task A_name_hyphenated_at_a_cell_line_end_is_rejoined_as_the_document_spells_it_and_real_hyphens_stay()
    {
        // The agent's name breaks "Loncastux-" / "imab"; the paper's text spells it whole.
        // "non-" / "squamous" and "anti-" / "CD38" break at hyphens the words really have.
        double[] x = [56.7, 109.6, 153.6, 419, 520];
        var pieces = new List<(double, double, string)>
        {
            (x[0], 700, "Agent"), (x[1], 700, "Target"), (x[2], 700, "Approved indications"), (x[3], 700, "Approved by"), (x[4], 700, "Ref."),
            (x[0], 688.3, "Loncastux-"), (x[1], 688.3, "CD19"), (x[2], 688.3, "Relapsed or refractory DLBCL"), (x[3], 688.3, "FDA, NMPA, EMA,"), (x[4], 688.3, "[32]"),
            (x[0], 678.3, "imab Tesirine"), (x[3], 678.3, "Swissmedic"),
            (x[0], 666.6, "Trastuzumab"), (x[1], 666.6, "HER2"), (x[2], 666.6, "Unresectable or metastatic non-"), (x[3], 666.6, "FDA, NMPA"), (x[4], 666.6, "[26]"),
            (x[0], 656.6, "Deruxtecan"), (x[2], 656.6, "squamous NSCLC"),
            (x[0], 644.9, "Belantamab"), (x[1], 644.9, "BCMA"), (x[2], 644.9, "Relapsed MM after an anti-"), (x[3], 644.9, "FDA, EMA"), (x[4], 644.9, "[30]"),
            (x[0], 634.9, "Mafodotin"), (x[2], 634.9, "CD38 monoclonal antibody"),
            (x[0], 500, "Loncastuximab tesirine treats relapsed lymphoma; trastuzumab deruxtecan treats non-squamous cancer."),
        };
        var table = await SingleTableAsync(TestPdf.Placed(pieces, []));

        Assert.Equal(["Loncastuximab Tesirine", "CD19", "Relapsed or refractory DLBCL", "FDA, NMPA, EMA, Swissmedic", "[32]"], table.Rows[1]);
        Assert.Equal("Unresectable or metastatic non-squamous NSCLC", table.Rows[2][2]);
        Assert.Equal("Relapsed MM after an anti-CD38 monoclonal antibody", table.Rows[3][2]);
    }

    [Fact]
    public async Task A_cell_listing_many_lines_flush_in_a_later_column_keeps_them_all_in_its_row()
    {
        // An outcomes column: each trial's results run over four or five lines of their own, each
        // starting at the column's edge, while the other cells of the row hold one line.
        double[] x = [56.7, 130, 170, 260, 430, 530];
        var pieces = new List<(double, double, string)>
        {
            (x[0], 700, "Identifier"), (x[1], 700, "Phase"), (x[2], 700, "Setting"), (x[3], 700, "Trial design"), (x[4], 700, "Outcomes"), (x[5], 700, "Ref."),
            (x[0], 690, "NCT01777152"), (x[1], 690, "III"), (x[2], 690, "Front-line"), (x[3], 690, "BV + CHP vs. CHOP"), (x[4], 690, "5-year:"), (x[5], 690, "[329]"),
            (x[4], 680, "PFS: 51.4 vs. 43.0%"),
            (x[4], 670, "OS: 70.1 vs. 61.0%"),
            (x[0], 660, "NCT03274492"), (x[1], 660, "III"), (x[2], 660, "Front-line"), (x[3], 660, "pola-R-CHP vs. R-CHOP"), (x[4], 660, "2-year:"), (x[5], 660, "[338]"),
            (x[4], 650, "PFS: 76.7 vs. 70.2%"),
            (x[4], 640, "(P = 0.02)"),
            (x[4], 630, "OS: 88.7 vs. 88.6%"),
            (x[4], 620, "(P = 0.75)"),
            (x[0], 610, "NCT04231877"), (x[1], 610, "I"), (x[2], 610, "-"), (x[3], 610, "Pola-DA-EPCH-R"), (x[4], 610, "Best ORR: 100%;"), (x[5], 610, "[339]"),
            (x[4], 600, "CR: 76%"),
        };
        var table = await SingleTableAsync(TestPdf.Placed(pieces, []));

        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(["NCT03274492", "III", "Front-line", "pola-R-CHP vs. R-CHOP", "2-year: PFS: 76.7 vs. 70.2% (P = 0.02) OS: 88.7 vs. 88.6% (P = 0.75)", "[338]"], table.Rows[2]);
        Assert.Equal(["NCT04231877", "I", "-", "Pola-DA-EPCH-R", "Best ORR: 100%; CR: 76%", "[339]"], table.Rows[3]);
    }
}
