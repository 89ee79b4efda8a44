using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;
using PharmaRag.Core.Text;

namespace PharmaRag.Core.Tests;

public sealed class ExtractiveAnswererTests
{
    private static readonly ExtractiveAnswerer Answerer = new(Options.Create(new RetrievalOptions { AnswerSentences = 2 }));

    private static SearchHit Hit(string id, string text, params PageSpan[] spans) => new(new Chunk
    {
        Id = id, DocumentId = "doc", Ordinal = 0, Text = text, Tokens = 10,
        PageSpans = spans.Length == 0 ? [new PageSpan(0, 1)] : spans,
    }, "label.pdf", 1);

    [Fact]
    public void Picks_the_sentence_that_answers_and_cites_its_page()
    {
        var text = "Store below 25 C. The recommended dose is 10 mg once daily. Tablets are white.";
        var hit = Hit("c1", text, new PageSpan(0, 4), new PageSpan(text.IndexOf("The recommended", StringComparison.Ordinal), 5));

        var (answer, citations) = Answerer.Answer("What is the recommended dose?", [hit]);

        Assert.StartsWith("The recommended dose is 10 mg once daily.", answer);
        Assert.Equal(5, citations[0].Page);
        Assert.Equal("c1", citations[0].ChunkId);
        Assert.Contains("[1: label.pdf, p. 5]", answer);
    }

    [Fact]
    public void Repeated_sentences_from_overlapping_chunks_are_said_once()
    {
        var sentence = "Warfarin requires INR monitoring.";
        var (_, citations) = Answerer.Answer("warfarin INR monitoring", [Hit("c1", sentence), Hit("c2", sentence)]);

        Assert.Single(citations);
    }

    [Fact]
    public void Says_so_when_nothing_matches()
    {
        var (answer, citations) = Answerer.Answer("pediatric dosing", [Hit("c1", "Tablets are white and round.")]);

        Assert.Equal(ExtractiveAnswerer.NothingFound, answer);
        Assert.Empty(citations);
        Assert.Equal(ExtractiveAnswerer.NothingFound, Answerer.Answer("dose", []).Answer);
    }

    [Fact]
    public void A_table_header_row_is_never_an_answer_but_its_rows_can_be()
    {
        var table = "Table 3: Drugs that increase bleeding risk\n| Drug Class | Specific Drugs |\n| --- | --- |\n| Antiplatelet drugs | aspirin, clopidogrel |";

        var (answer, citations) = Answerer.Answer("Which drug class and specific drugs are listed?", [Hit("t1", table)]);
        var (_, rowCitations) = Answerer.Answer("Which antiplatelet drugs are listed?", [Hit("t1", table)]);

        // Without the rule the header row, which names every asked-for column, would be the best "sentence".
        Assert.DoesNotContain(citations, c => c.Text == "| Drug Class | Specific Drugs |");
        Assert.DoesNotContain("| Drug Class |", answer);
        Assert.Contains(rowCitations, c => c.Text.Contains("clopidogrel"));
    }

    private static SearchHit DocHit(string document, string file, int ordinal, string text, string? section = null, int page = 1) => new(new Chunk
    {
        Id = $"{document}-{ordinal}", DocumentId = document, Ordinal = ordinal, Text = text, Tokens = 10,
        PageSpans = [new PageSpan(0, page)], Section = section,
    }, file, 1);

    [Fact]
    public void A_sentence_using_the_acronym_the_document_defines_answers_a_question_that_spells_it_out()
    {
        // The protocol defines "overnight observation ward (OOW)" once and then says "OOW": the
        // sentence giving the stay holds none of the question's long-form words but "ward".
        var defined = DocHit("p", "protocol.pdf", 2, "Participants are admitted to the overnight observation ward (OOW) on Day -1.", page: 4);
        var stay = DocHit("p", "protocol.pdf", 9, "Participants remain in the OOW for at least 8 hours after the infusion ends.", page: 11);
        var other = DocHit("p", "protocol.pdf", 14, "Vital signs are taken every 2 hours on the ward after the infusion and at discharge.", page: 15);

        var (answer, citations) = Answerer.Answer("How long do participants stay in the overnight observation ward after the infusion?", [other, defined, stay]);

        Assert.StartsWith("Participants remain in the OOW for at least 8 hours", answer);
        Assert.Equal(11, citations[0].Page);
    }

    [Fact]
    public void A_sentence_spelling_out_the_acronym_answers_a_question_that_uses_it()
    {
        // The reverse: the question says "OOW", the answering sentence spells it out.
        var defined = DocHit("p", "protocol.pdf", 2, "Abbreviations: OOW = overnight observation ward; IV = intravenous; PK = pharmacokinetic.", page: 4);
        var stay = DocHit("p", "protocol.pdf", 9, "Participants remain in the overnight observation ward for at least 8 hours after the infusion ends.", page: 11);
        var other = DocHit("p", "protocol.pdf", 14, "Participants have vital signs taken every 2 hours after the infusion and at discharge.", page: 15);

        var (answer, citations) = Answerer.Answer("How long do participants stay in the OOW after the infusion?", [other, defined, stay]);

        Assert.StartsWith("Participants remain in the overnight observation ward for at least 8 hours", answer);
        Assert.Equal(11, citations[0].Page);
    }

    [Fact]
    public void The_sentence_stating_the_asked_number_wins_over_one_that_only_repeats_the_drug_name()
    {
        var title = DocHit("z", "zorvatide.pdf", 0, "Zorvatide recommended use: see the full prescribing information for zorvatide.");
        var fact = DocHit("z", "zorvatide.pdf", 7, "The starting dose is 40 mg once daily. Tablets may be taken with food.",
            "2 DOSAGE AND ADMINISTRATION\nZORVATIDE tablets, for oral use", page: 3);

        var (answer, citations) = Answerer.Answer("What is the recommended starting dose of zorvatide?", [title, fact]);

        // By shared words alone the title sentence ties (zorvatide, recommended) and its better rank wins.
        Assert.StartsWith("The starting dose is 40 mg once daily.", answer);
        Assert.Equal(3, citations[0].Page);
    }

    [Fact]
    public void A_list_question_gets_every_item_of_the_list()
    {
        var section = DocHit("w", "warfarin.pdf", 3,
            "CONTRAINDICATIONS\nPregnancy, except in women with mechanical heart valves. (4)\nHemorrhagic tendencies or blood dyscrasias. (4)\n" +
            "Threatened abortion, eclampsia, and preeclampsia. (4)\nMalignant hypertension. (4)\nWARNINGS AND PRECAUTIONS\nTissue necrosis may occur.",
            "CONTRAINDICATIONS\nWARFARIN SODIUM tablets");

        var (answer, citations) = Answerer.Answer("What are the contraindications of warfarin?", [section]);

        Assert.Contains("Hemorrhagic tendencies or blood dyscrasias.", answer);
        Assert.Contains("Malignant hypertension.", answer);
        Assert.DoesNotContain("Tissue necrosis", answer);
        // The four items, each cited; the heading itself states nothing.
        Assert.Equal(4, citations.Count);
    }

    [Fact]
    public void An_answer_quotes_one_document_only()
    {
        var zorvatide = DocHit("z", "zorvatide.pdf", 4, "Zorvatide may cause dizziness in patients with renal impairment.");
        var quelanib = DocHit("q", "quelanib.pdf", 2, "Quelanib may cause dizziness and headache in patients with renal impairment.");

        var (_, citations) = Answerer.Answer("Does zorvatide cause dizziness in patients with renal impairment?", [zorvatide, quelanib]);

        Assert.All(citations, c => Assert.Equal("zorvatide.pdf", c.FileName));
    }

    [Fact]
    public void A_table_row_is_stated_under_the_column_the_question_names()
    {
        var table = DocHit("z", "zorvatide.pdf", 5,
            "Table 1: Adverse reactions (%)\n| Adverse reaction | Placebo | 10 mg | 40 mg |\n| --- | --- | --- | --- |\n" +
            "| Nausea | 3.5 | 3.7 | 7.1 |\n| Headache | 2.1 | 2.6 | 9.4 |",
            "6 ADVERSE REACTIONS\nZORVATIDE tablets", page: 8);

        var (answer, citations) = Answerer.Answer("What percentage of patients taking zorvatide 40 mg had headache?", [table]);

        Assert.StartsWith("Headache — 40 mg: 9.4.", answer);
        Assert.Equal("| Headache | 2.1 | 2.6 | 9.4 |", citations[0].Text);
        Assert.Equal(8, citations[0].Page);
    }

    [Fact]
    public void A_title_word_that_other_documents_text_uses_does_not_name_that_document()
    {
        static SearchHit Of(string document, string text, string? title) => new(new Chunk
        {
            Id = document + "-1", DocumentId = document, Ordinal = 1, Text = text, Tokens = 20,
            PageSpans = [new PageSpan(0, 3)], Section = title is null ? null : "1 INTRODUCTION\n" + title,
        }, document + ".pdf", 1);
        var warfarin = Of("warfarin", "WARIS II was an open-label, randomized study of 3630 patients hospitalized for acute myocardial infarction.", null);
        var protocol = Of("cdisc", "Patients will be allowed to enroll if their B12 levels are above 200 units.", "Xanomeline TTS in Patients with Alzheimer's Disease");
        var other = Of("ibuprofen", "Patients should report stomach bleeding to their doctor.", null);

        var (answer, citations) = Answerer.Answer("How many patients were enrolled in WARIS II?", [warfarin, protocol, other]);

        // "Patients" is in the protocol's title, but the other documents' sentences use it too: it
        // names nothing, and the protocol's enrolment rule does not displace the trial's number.
        Assert.Contains("3630", answer);
        Assert.Equal("warfarin", citations[0].DocumentId);
    }
    [Fact]
    public void A_list_asked_by_its_section_name_quotes_the_section_whose_items_do_not_repeat_the_word()
    {
        const string title = "WARFARIN SODIUM tablets, for oral use";
        // The items under the heading never say "contraindicated"; a warnings sentence elsewhere does.
        var warnings = DocHit("w", "warfarin.pdf", 40,
            "Avoid warfarin during pregnancy except in women with mechanical heart valves [see Contraindications (4)].",
            "5 WARNINGS AND PRECAUTIONS\n" + title, page: 9);
        var highlights = DocHit("w", "warfarin.pdf", 2,
            "CONTRAINDICATIONS\nPregnancy, except in women with mechanical heart valves. (4)\nHemorrhagic tendencies or blood dyscrasias. (4)\n" +
            "Malignant hypertension. (4)",
            "CONTRAINDICATIONS\n" + title, page: 1);

        var (answer, citations) = Answerer.Answer("What are the contraindications of warfarin?", [warnings, highlights]);

        Assert.Contains("Hemorrhagic tendencies or blood dyscrasias.", answer);
        Assert.Contains("Malignant hypertension.", answer);
        Assert.All(citations, c => Assert.Equal(1, c.Page));
    }

    [Fact]
    public void A_sentence_restating_the_title_is_not_the_answer_even_when_it_holds_the_question_words()
    {
        const string title = "A RANDOMIZED, PLACEBO-CONTROLLED PHASE 2A STUDY OF ZORVATIDE IN PATIENTS WITH CHRONIC GOUT";
        var titlePage = DocHit("z", "zx202.pdf", 0, title + ".", page: 1);
        var synopsis = DocHit("z", "zx202.pdf", 30,
            "NUMBER OF PATIENTS\nA total of 70 patients will be randomized in a 1:1 ratio to zorvatide or placebo.",
            "NUMBER OF PATIENTS\n" + title, page: 17);

        var (answer, citations) = Answerer.Answer("In study ZX-202 of Zorvatide in chronic gout, how many patients will be randomized?", [titlePage, synopsis]);

        // The title holds "randomized", "study", "patients", "gout" and a number ("2A"); the fact holds fewer of them.
        Assert.StartsWith("A total of 70 patients will be randomized", answer);
        Assert.Equal(17, citations[0].Page);
    }
    [Fact]
    public void A_count_question_takes_the_sentence_giving_a_number_of_the_counted_thing()
    {
        // Both sentences hold "patients" and "randomized" and a number; only one counts patients.
        var dosing = DocHit("z", "zx202.pdf", 31, "Patients will be randomized 1:1 to receive 100 mg zorvatide or placebo twice daily.", page: 16);
        var size = DocHit("z", "zx202.pdf", 35, "A total of 70 patients will be randomized at 12 sites.", page: 17);

        var (answer, citations) = Answerer.Answer("How many patients will be randomized?", [dosing, size]);

        Assert.StartsWith("A total of 70 patients will be randomized", answer);
        Assert.Equal(17, citations[0].Page);
    }

    [Fact]
    public void A_list_item_is_read_with_the_heading_leading_into_it()
    {
        // A Drug Facts list: the heading says when, the item says what; alone, neither answers.
        var stop = DocHit("i", "ibuprofen.pdf", 11,
            "Stop use and ask a doctor if\nyou feel faint, vomit blood, or have bloody or black stools.\npain gets worse or lasts more than 10 days\n" +
            "fever gets worse or lasts more than 3 days\nredness or swelling is present in the painful area",
            "Drug Facts > Stop use and ask a doctor if\nIbuprofen Drug Facts", page: 2);
        var directions = DocHit("i", "ibuprofen.pdf", 13,
            "Directions\ndo not take longer than 10 days, unless directed by a doctor (see Warnings)", "Drug Facts > Directions\nIbuprofen Drug Facts", page: 3);

        var (answer, citations) = Answerer.Answer("When should you stop taking ibuprofen for a fever and see a doctor?", [directions, stop]);

        // Without the heading the item holds only "fever" and, with no full stop, reads as a heading itself.
        Assert.StartsWith("Stop use and ask a doctor if: fever gets worse or lasts more than 3 days", answer);
        Assert.Equal("fever gets worse or lasts more than 3 days", citations[0].Text);
        Assert.Equal(2, citations[0].Page);
    }

    [Fact]
    public void A_line_ending_in_a_colon_is_quoted_with_the_items_it_introduces()
    {
        var text = "Stomach bleeding warning: This product contains an NSAID, which may cause stomach bleeding.\nThe chance is higher if you:\n" +
            "are age 60 or older\nhave had stomach ulcers or bleeding problems\ntake a blood thinning (anticoagulant) or steroid drug\nWARNINGS\nDo not use more than directed.";
        var warnings = DocHit("i", "ibuprofen.pdf", 6, text, "Drug Facts > Warnings\nIbuprofen Drug Facts", page: 1);

        var (answer, citations) = Answerer.Answer("Who has a higher chance of stomach bleeding with ibuprofen?", [warnings]);

        // The items repeat none of the question's words: the line introducing them is the match,
        // and quoted alone it would answer nothing.
        Assert.Contains("The chance is higher if you: are age 60 or older have had stomach ulcers or bleeding problems", answer);
        Assert.DoesNotContain("Do not use more than directed", answer);
        var quoted = Assert.Single(citations, c => c.Text.StartsWith("The chance is higher", StringComparison.Ordinal));
        Assert.EndsWith("steroid drug", quoted.Text);
        Assert.Equal(1, quoted.Page);
    }

    [Fact]
    public void A_line_ending_in_a_colon_under_a_panel_heading_is_quoted_with_its_items_and_the_heading()
    {
        // A Drug Facts panel nests two leads: the panel's heading, then a line introducing a bulleted
        // list. The line is an item of the heading's list and the lead of its own.
        var warnings = DocHit("n", "naproxen.pdf", 4,
            "Warnings\nAllergy alert: Naproxen may cause a severe allergic reaction, especially in people allergic\n" +
            "to aspirin. Signs may include:\nhives\nfacial swelling\nshock\nasthma (wheezing)\nblister\n" +
            "If an allergic reaction occurs, stop use and seek medical help right away.",
            "Drug Facts > Warnings\nNaproxen Drug Facts", page: 1);

        var (answer, citations) = Answerer.Answer("Which signs may a reaction include?", [warnings]);

        // Quoted with its heading only, the line ends in a colon and lists nothing.
        Assert.Contains("Warnings: Signs may include: hives facial swelling shock asthma (wheezing) blister", answer);
        var quoted = Assert.Single(citations, c => c.Text.StartsWith("Signs may include:", StringComparison.Ordinal));
        Assert.Contains("asthma (wheezing)", quoted.Text);
        Assert.Equal(1, quoted.Page);
    }

    [Fact]
    public void The_one_statement_under_a_heading_is_read_as_the_heading_s_value()
    {
        // An appendix of prohibited medicines: each heading names a class, the line under it lists
        // the drugs, sharing no word with the question. Another section names the class in passing.
        var summary = DocHit("p", "protocol.pdf", 20,
            "Patients must not use other prohibited medication (strong inhibitors of CYP2D6 and drugs that prolong the QT interval).",
            "5.4 Concomitant Therapy\nStudy XY-12 protocol", page: 18);
        var appendix = DocHit("p", "protocol.pdf", 85,
            "Drugs that prolong the QT interval\nAmiodarone, haloperidol, methadone, sotalol.",
            "Appendix 3 Prohibited Medications > Drugs that prolong the QT interval\nStudy XY-12 protocol", page: 91);

        var (answer, citations) = Answerer.Answer("Which drugs that prolong the QT interval are prohibited?", [summary, appendix]);

        // Alone, the list holds none of the question's words; its heading holds them all.
        Assert.Contains("Amiodarone, haloperidol, methadone, sotalol.", answer);
        Assert.Contains(citations, c => c.Page == 91 && c.Text == "Amiodarone, haloperidol, methadone, sotalol.");
    }

    [Fact]
    public void A_row_whose_label_cell_is_empty_is_read_with_the_label_of_its_group()
    {
        // The strength is printed once per group of bottle sizes, on the group's middle row.
        var table = DocHit("a", "amoxicillin.pdf", 49,
            "Table 2. Amount of Water for Mixing Oral Suspension\n| Strength | Bottle Size | Amount of Water Required for Reconstitution |\n| --- | --- | --- |\n" +
            "|  | 80 mL | 62 mL |\n| Oral Suspension 125 mg/5 mL | 100 mL | 78 mL |\n|  | 150 mL | 116 mL |\n" +
            "|  | 80 mL | 59 mL |\n| Oral Suspension 250 mg/5 mL | 100 mL | 74 mL |\n|  | 150 mL | 111 mL |",
            "2 DOSAGE AND ADMINISTRATION > 2.5 Directions for Mixing Oral Suspension\nAMOXICILLIN capsules", page: 6);

        var (answer, citations) = Answerer.Answer("How much water is needed for the 150 mL bottle of the 250 mg/5 mL amoxicillin suspension?", [table]);

        Assert.StartsWith("Oral Suspension 250 mg/5 mL — Bottle Size: 150 mL; Amount of Water Required for Reconstitution: 111 mL.", answer);
        Assert.Equal("|  | 150 mL | 111 mL |", citations[0].Text);
        Assert.Equal(6, citations[0].Page);
    }

    [Fact]
    public void A_header_printed_over_two_lines_is_read_whole_and_never_answers()
    {
        // The column names and "[95% Confidence Interval]" are printed below the separator line.
        var table = DocHit("a", "amoxicillin.pdf", 103,
            "Table 6. H. pylori Eradication Rates When Amoxicillin is Administered as Part of a Triple Therapy Regimen\n" +
            "|  | Triple Therapy | Triple Therapy |\n| --- | --- | --- |\n" +
            "| Study | Evaluable Analysis [95% Confidence Interval] (number of patients) | Intent-to-Treat Analysis [95% Confidence Interval] (number of patients) |\n" +
            "| Study 1 | 92 [80.0 to 97.7] (n = 48) | 86 [73.3 to 93.5] (n = 55) |\n| Study 2 | 86 [75.7 to 93.6] (n = 66) | 83 [72.0 to 90.8] (n = 70) |",
            "14 CLINICAL STUDIES\nAMOXICILLIN capsules", page: 15);

        var (answer, citations) = Answerer.Answer("What was the 95% confidence interval of the evaluable analysis in Study 2 of triple therapy with amoxicillin?", [table]);

        Assert.StartsWith("Study 2 — Triple Therapy Evaluable Analysis [95% Confidence Interval] (number of patients): 86 [75.7 to 93.6] (n = 66).", answer);
        Assert.DoesNotContain(citations, c => c.Text.StartsWith("| Study |", StringComparison.Ordinal));
    }

    [Fact]
    public void A_column_heading_is_read_with_the_abbreviation_the_table_defines()
    {
        var table = DocHit("w", "warfarin.pdf", 150,
            "Table 7: WARIS – Endpoint Analysis of Separate Events\n|  |  |  |  | % Risk |\n| --- | --- | --- | --- | --- |\n" +
            "|  | Warfarin | Placebo |  | Reduction |\n| Event | (N=607) | (N=607) | RR (95% CI) | (p-value) |\n" +
            "| Total Mortality | 94 (4.7/100 py) | 123 (6.3/100 py) | 0.76 (0.60, 0.97) | 24 (p=0.030) |\n" +
            "| Recurrent MI | 82 (4.1/100 py) | 124 (6.4/100 py) | 0.66 (0.51, 0.85) | 34 (p=0.001) |\n" +
            "RR=Relative risk; CI=Confidence interval; MI=Myocardial infarction",
            "14 CLINICAL STUDIES > 14.3 Myocardial Infarction\nWARFARIN SODIUM tablets", page: 23);

        var (answer, _) = Answerer.Answer("In WARIS, what was the relative risk for recurrent MI with warfarin versus placebo?", [table]);

        // "% Risk Reduction" shares "risk" with the question; only the footnote says RR is the relative risk.
        Assert.StartsWith("Recurrent MI — RR (95% CI) (Relative risk, Confidence interval): 0.66 (0.51, 0.85).", answer);
    }

    [Fact]
    public void A_sentence_printed_twice_is_said_once_citing_both_pages()
    {
        var highlights = DocHit("m", "metformin.pdf", 5, "DOSAGE AND ADMINISTRATION\n(2.1) Swallow the tablets whole and never crush, cut or chew.",
            "DOSAGE AND ADMINISTRATION\nMETFORMIN tablets", page: 1);
        var full = DocHit("m", "metformin.pdf", 30, "Swallow the tablets whole and never crush, cut or chew.", "2 DOSAGE AND ADMINISTRATION\nMETFORMIN tablets", page: 4);

        var (answer, citations) = Answerer.Answer("Can the metformin tablet be crushed or chewed?", [full, highlights]);

        Assert.Equal("Swallow the tablets whole and never crush, cut or chew. [1: metformin.pdf, p. 4][2: metformin.pdf, p. 1]", answer);
        Assert.Equal([4, 1], citations.Select(c => c.Page));
    }

    [Fact]
    public void A_boxed_warning_question_quotes_the_box_not_the_sentences_that_refer_to_it()
    {
        const string title = "CIPROFLOXACIN tablets, for oral use";
        var counselling = DocHit("c", "cipro.pdf", 83,
            "Advise patients to stop ciprofloxacin and call their doctor if any symptoms of tendinitis or tendon rupture occur, serious adverse reactions described in the boxed warning [see BOXED WARNING].",
            "17 PATIENT COUNSELING INFORMATION\n" + title, page: 20);
        var box = DocHit("c", "cipro.pdf", 2,
            "CIPROFLOXACIN\nWARNING: SERIOUS ADVERSE REACTIONS INCLUDING TENDINITIS AND TENDON RUPTURE\nSee full prescribing information for complete boxed warning.\n" +
            "Fluoroquinolones have been associated with disabling and potentially irreversible serious adverse reactions including:\n" +
            "Tendinitis and tendon rupture [see WARNINGS AND PRECAUTIONS (5.2)]\nPeripheral neuropathy [see WARNINGS AND PRECAUTIONS (5.3)]\n" +
            "5 WARNINGS AND PRECAUTIONS\nTendon rupture may occur.",
            "CIPROFLOXACIN\n" + title, page: 1);

        var (answer, citations) = Answerer.Answer("What serious adverse reactions are in the boxed warning of ciprofloxacin?", [counselling, box]);

        // By their words the counselling sentence (serious, adverse, reactions, boxed, warning) beats every line of the box.
        Assert.StartsWith("WARNING: SERIOUS ADVERSE REACTIONS INCLUDING TENDINITIS AND TENDON RUPTURE", answer);
        Assert.Contains("Tendinitis and tendon rupture [see WARNINGS AND PRECAUTIONS (5.2)]", answer);
        Assert.DoesNotContain("Advise patients", answer);
        Assert.DoesNotContain("See full prescribing information", answer);
        Assert.DoesNotContain("Tendon rupture may occur", answer);
        Assert.All(citations, c => Assert.Equal(1, c.Page));
    }

    [Fact]
    public void A_section_list_comes_from_the_chunk_that_prints_the_items_and_a_short_one_is_completed()
    {
        const string title = "WARFARIN SODIUM tablets";
        var full = DocHit("w", "warfarin.pdf", 56, "4 CONTRAINDICATIONS\nWarfarin sodium is contraindicated in: Pregnancy", "4 CONTRAINDICATIONS\n" + title, page: 9);
        var highlights = DocHit("w", "warfarin.pdf", 8,
            "CONTRAINDICATIONS\nPregnancy, except in women with mechanical heart valves. (4)\nHemorrhagic tendencies or blood dyscrasias. (4)\n" +
            "Major regional or lumbar block anesthesia. (4)\nMalignant hypertension. (4)", "CONTRAINDICATIONS\n" + title, page: 1);

        var (answer, _) = Answerer.Answer("What are the contraindications of warfarin?", [full, highlights]);

        // The first retrieved chunk under the heading holds one item, cut off by the chunk's end.
        Assert.StartsWith("Pregnancy, except in women with mechanical heart valves.", answer);
        Assert.Contains("Malignant hypertension.", answer);

        var amoxicillinFull = DocHit("a", "amoxicillin.pdf", 54,
            "4 CONTRAINDICATIONS\nAmoxicillin is contraindicated in patients who have experienced a serious hypersensitivity reaction to amoxicillin.",
            "4 CONTRAINDICATIONS\nAMOXICILLIN capsules", page: 7);
        var amoxicillinHighlights = DocHit("a", "amoxicillin.pdf", 10,
            "CONTRAINDICATIONS\nHistory of a serious hypersensitivity reaction to amoxicillin or to other beta-lactams. (4)", "CONTRAINDICATIONS\nAMOXICILLIN capsules", page: 1);

        var (both, citations) = Answerer.Answer("Who should not take amoxicillin?", [amoxicillinFull, amoxicillinHighlights]);

        Assert.Contains("Amoxicillin is contraindicated in patients", both);
        Assert.Contains("History of a serious hypersensitivity reaction", both);
        Assert.Equal([7, 1], citations.Select(c => c.Page));
    }

    [Fact]
    public void A_row_is_read_under_its_table_title_and_a_title_is_no_answer()
    {
        static string Table(string trial, string grade3) =>
            $"Table 5 Summary of Adverse Reaction Rates in Subjects with COVID-19 in {trial}\n| Types of Adverse Reactions | Drug N=532 n (%) | Placebo N=516 n (%) |\n" +
            $"| --- | --- | --- |\n| Adverse reactions, Grades ≥3 | {grade3} | 46 (9%) |\n| Serious adverse reactions | 2 (0.4%) | 3 (0.6%) |";
        var other = DocHit("v", "veklury.pdf", 40, Table("Study 5773", "12 (6%)"), "6 ADVERSE REACTIONS\nVEKLURY", page: 10);
        var actt = DocHit("v", "veklury.pdf", 34, Table("ACTT-1", "41 (8%)"), "6 ADVERSE REACTIONS\nVEKLURY", page: 9);

        var (answer, citations) = Answerer.Answer("In ACTT-1, how many subjects on the drug had adverse reactions of Grade 3 or higher?", [other, actt]);

        // The two rows are the same but for their values; only the table's title says which trial.
        Assert.StartsWith("Adverse reactions, Grades ≥3 — Drug N=532 n (%): 41 (8%)", answer);
        Assert.Equal(9, citations[0].Page);

        var caption = DocHit("c", "cipro.pdf", 144,
            "Table 15: Clinical Success and Bacteriologic Eradication at Test of Cure (5 to 9 Days Post-Therapy)\n" +
            "Bacteriologic Eradication by Patient at Test of Cure 84.4% (178/211) 78.3% (181/231)", "14 CLINICAL STUDIES\nCIPRO", page: 31);

        var (eradication, _) = Answerer.Answer("What was bacteriologic eradication by patient at test of cure?", [caption]);

        Assert.StartsWith("Bacteriologic Eradication by Patient at Test of Cure 84.4% (178/211) 78.3% (181/231)", eradication);
    }

    [Fact]
    public void A_long_table_row_is_not_shortened_in_favour_of_a_sentence_about_the_table()
    {
        var drugs = string.Join(", ", Enumerable.Range(1, 45).Select(i => $"drug{(char)('a' + i % 26)}{(char)('a' + i / 26)}x"));
        var table = DocHit("w", "warfarin.pdf", 76,
            "Table 2: Examples of CYP450 Interactions with Warfarin\n| Enzyme | Inhibitors | Inducers |\n| --- | --- | --- |\n" +
            $"| CYP2C9 | {drugs} | aprepitant, bosentan, carbamazepine |\n| CYP1A2 | acyclovir, allopurinol | montelukast, omeprazole |",
            "7 DRUG INTERACTIONS > 7.2 CYP450 Interactions\nWARFARIN", page: 13);
        var prose = DocHit("w", "warfarin.pdf", 75,
            "Examples of inhibitors and inducers of CYP2C9, 1A2, and 3A4 are below in Table 2; this list should not be considered all-inclusive.",
            "7 DRUG INTERACTIONS > 7.2 CYP450 Interactions\nWARFARIN", page: 13);

        var (answer, _) = Answerer.Answer("Which drugs are listed as inducers of CYP2C9 in the warfarin CYP450 interactions table?", [prose, table]);

        Assert.StartsWith("CYP2C9 — Inducers: aprepitant, bosentan, carbamazepine.", answer);
    }

    [Fact]
    public void A_sentence_about_the_case_the_question_does_not_ask_about_comes_second()
    {
        var dosing = DocHit("v", "veklury.pdf", 12,
            "For patients not requiring invasive mechanical ventilation and/or ECMO, the recommended total treatment duration is 5 days. " +
            "For patients requiring invasive mechanical ventilation and/or ECMO, the recommended total treatment duration is 10 days.",
            "2 DOSAGE AND ADMINISTRATION\nVEKLURY", page: 2);

        var (answer, _) = Answerer.Answer("How long is remdesivir treatment for patients on a ventilator or ECMO?", [dosing]);

        // Both sentences hold the same question words; "not requiring ... ECMO" answers the other case.
        Assert.StartsWith("For patients requiring invasive mechanical ventilation and/or ECMO, the recommended total treatment duration is 10 days.", answer);
    }

    [Fact]
    public void A_whether_question_puts_the_recommendation_first()
    {
        var label = DocHit("c", "cipro.pdf", 30,
            "Fluoroquinolones, including ciprofloxacin, may exacerbate muscle weakness in patients with myasthenia gravis. " +
            "Avoid ciprofloxacin in patients with known history of myasthenia gravis.", "5 WARNINGS AND PRECAUTIONS\nCIPRO", page: 6);

        var (answer, _) = Answerer.Answer("Should ciprofloxacin be used in a patient with myasthenia gravis?", [label]);

        Assert.StartsWith("Avoid ciprofloxacin in patients with known history of myasthenia gravis.", answer);
    }

    [Fact]
    public void Word_forms_that_stem_apart_and_numbers_spelled_out_still_match()
    {
        var counselling = DocHit("q", "quelanib.pdf", 40, "Take quelanib tablets with a full glass of water.", "17 PATIENT COUNSELING INFORMATION\nQUELANIB", page: 20);
        var hypersensitivity = DocHit("q", "quelanib.pdf", 21,
            "4.1 Hypersensitivity\nQuelanib tablets are contraindicated in persons with a history of hypersensitivity to quelanib.", "QUELANIB > 4.1 Hypersensitivity\nQUELANIB", page: 4);

        var (answer, citations) = Answerer.Answer("What are the contraindications of quelanib tablets?", [counselling, hypersensitivity]);

        // "contraindicated" stems to "contraindicat", "contraindications" to "contraindication".
        Assert.StartsWith("Quelanib tablets are contraindicated in persons with a history of hypersensitivity", answer);
        Assert.Equal(4, citations[0].Page);

        var weeks = DocHit("q", "quelanib.pdf", 50, "Joint problems were reported in 9.3% of children under 18 years within 6 weeks.", page: 12);
        var year = DocHit("q", "quelanib.pdf", 51, "At the end of 1 year, joint problems were reported in 13.7% of children.", page: 12);

        var (afterOneYear, _) = Answerer.Answer("After one year, how often were joint problems reported in children?", [weeks, year]);

        Assert.StartsWith("At the end of 1 year, joint problems were reported in 13.7% of children.", afterOneYear);
    }

    [Fact]
    public void A_papers_keyword_list_is_no_answer()
    {
        // The keyword list names every topic of the paper, so it holds more of the question's words
        // than the sentence that says which agents are used; it states nothing about any of them.
        var keywords = DocHit("k", "egfr-review.pdf", 1,
            "Non-small cell lung cancer (NSCLC); EGFR inhibitor resistance; resistance mechanisms; MET amplification; combination therapy; liquid biopsy",
            "KEYWORDS\nResistance in lung cancer", page: 1);
        var fact = DocHit("k", "egfr-review.pdf", 30,
            "For MET amplification, savolitinib is added to osimertinib.",
            "6.3 Treatment options\nResistance in lung cancer", page: 14);

        var (answer, citations) = Answerer.Answer("Which agents are used for MET amplification after EGFR inhibitor resistance in non-small cell lung cancer?", [keywords, fact]);

        Assert.StartsWith("For MET amplification, savolitinib is added to osimertinib.", answer);
        Assert.All(citations, c => Assert.Equal(14, c.Page));
    }

    [Fact]
    public void A_reference_list_entry_is_no_answer()
    {
        var references = DocHit("r", "adc-review.pdf", 200,
            "Choules MP, Zuo P, Otsuka Y, Garg A. Physiologically based model of the target binding of enfortumab vedotin.", "REFERENCES\nAntibody-drug conjugates", page: 34);
        var citedInline = DocHit("r", "adc-review.pdf", 201,
            "McGregor BA, Sonpavde GP, Kwak L. The target of enfortumab vedotin in urothelial carcinoma. J Clin Oncol. 2020.", "8 OUTLOOK\nAntibody-drug conjugates", page: 35);
        var fact = DocHit("r", "adc-review.pdf", 12, "Enfortumab vedotin is directed against Nectin-4 on urothelial cancer cells.", "2 APPROVED ADCS\nAntibody-drug conjugates", page: 3);

        var (answer, citations) = Answerer.Answer("What is the target of enfortumab vedotin?", [references, citedInline, fact]);

        Assert.StartsWith("Enfortumab vedotin is directed against Nectin-4", answer);
        Assert.All(citations, c => Assert.Equal(3, c.Page));
    }

    [Fact]
    public void A_number_in_a_trial_code_does_not_name_a_document_whose_title_holds_that_number()
    {
        var atorvastatin = new SearchHit(new Chunk
        {
            Id = "a-58", DocumentId = "a", Ordinal = 58, Tokens = 30, PageSpans = [new PageSpan(0, 8)], Section = "6 ADVERSE REACTIONS\nATORVASTATIN tablets 1",
            Text = "In the placebo-controlled database, adverse reactions led to treatment discontinuation in 0.7% of patients on placebo.",
        }, "atorvastatin.pdf", 1);
        var veklury = new SearchHit(new Chunk
        {
            Id = "v-34", DocumentId = "v", Ordinal = 34, Tokens = 30, PageSpans = [new PageSpan(0, 9)], Section = "6 ADVERSE REACTIONS\nVEKLURY for injection",
            Text = "In NIAID ACTT-1, 15 placebo subjects (3%) discontinued treatment because of adverse reactions.",
        }, "veklury.pdf", 1);

        var (answer, citations) = Answerer.Answer("How many placebo subjects discontinued treatment because of adverse reactions in NIAID ACTT-1?", [atorvastatin, veklury]);

        // The "1" of ACTT-1 is in the other label's title: taken as naming it, only that label would answer.
        Assert.StartsWith("In NIAID ACTT-1, 15 placebo subjects (3%) discontinued treatment", answer);
        Assert.Equal("v", citations[0].DocumentId);
    }

    [Fact]
    public void A_sentence_giving_the_asked_quantity_is_no_restated_title()
    {
        const string title = "A RANDOMIZED STUDY OF ZORVATIDE IN ADULTS WITH MODERATE TO SEVERE PRIMARY CHRONIC GOUT";
        var population = DocHit("z", "zx202.pdf", 85, "TARGET POPULATION\nAdults aged 18 to 75 years with moderate to severe primary chronic gout.", "TARGET POPULATION\n" + title, page: 17);
        var followUp = DocHit("z", "zx202.pdf", 90, "Patients with chronic gout will be followed for 12 weeks after the last dose.", "FOLLOW-UP\n" + title, page: 18);

        var (answer, citations) = Answerer.Answer("What ages are eligible for the Zorvatide primary chronic gout trial?", [followUp, population]);

        // Most of the population sentence's words are the title's; its ages are not.
        Assert.StartsWith("Adults aged 18 to 75 years", answer);
        Assert.Equal(17, citations[0].Page);
    }

    [Fact]
    public void A_study_the_question_names_that_only_one_document_mentions_keeps_the_answer_in_it()
    {
        var protocol = new SearchHit(new Chunk
        {
            Id = "p-40", DocumentId = "p", Ordinal = 40, Tokens = 30, PageSpans = [new PageSpan(0, 11)], Section = "STUDY POPULATION\nA Phase 2 Study of Quelanib",
            Text = "Enrolled patients are all patients who sign the consent form and are registered on Day -7 of the study.",
        }, "quelanib-protocol.pdf", 1);
        var label = new SearchHit(new Chunk
        {
            Id = "w-150", DocumentId = "w", Ordinal = 150, Tokens = 30, PageSpans = [new PageSpan(0, 23)], Section = "14 CLINICAL STUDIES\nWARFARIN SODIUM tablets",
            Text = "In WARIS II, 3630 were randomized to warfarin, aspirin or both after a myocardial infarction.",
        }, "warfarin.pdf", 1);

        var (answer, citations) = Answerer.Answer("How many patients were enrolled in WARIS II?", [protocol, label]);

        // No title holds "WARIS"; by its words the protocol's definition of "enrolled" is the better sentence.
        Assert.DoesNotContain("Enrolled patients are", answer);
        Assert.Contains("3630", answer);
        Assert.All(citations, c => Assert.Equal("w", c.DocumentId));
    }

    [Fact]
    public void A_range_question_prefers_the_sentence_giving_a_range()
    {
        var label = DocHit("q", "quelanib.pdf", 5,
            "The recommended adult oral dose for triple therapy is 1 gram quelanib daily. In adults, 750-1750 mg/day in divided doses.",
            "DOSAGE AND ADMINISTRATION\nQUELANIB", page: 1);

        var (answer, _) = Answerer.Answer("What is the usual adult daily dose range of quelanib?", [label]);

        Assert.StartsWith("In adults, 750-1750 mg/day in divided doses.", answer);
    }

    [Fact]
    public void A_table_row_whose_cells_hold_sentences_answers_its_row_and_column_and_a_group_label_row_states_nothing()
    {
        var table = DocHit("w", "wilsonex-protocol.pdf", 12,
            "Table 3: Potential Risks and Mitigation Strategy\n"
            + "| Potential Risk | Summary of Data | Mitigation Strategy |\n| --- | --- | --- |\n"
            + "| Transaminase elevations | Mild and reversible. Seen after 3 weeks. | Regular monitoring of liver function tests. Dose modification. |\n"
            + "| Anemia | Anemia has been observed in participants. See the IB. | Monitoring complete blood count. Dose modification or discontinuation. |\n"
            + "| Study Procedures |  |  |\n"
            + "| Blood draws | Repeated blood draws may cause bruising. | Blood draws are optimized. |",
            "INTRODUCTION > Potential Risks and Mitigation Strategy", page: 21);

        var (answer, citations) = Answerer.Answer("What is the mitigation strategy for anemia in the potential risks table?", [table]);

        // Cut at its cells' full stops, the row lost its headings and its last cell: the answer
        // quoted "| Anemia | Anemia has been observed in participants." without the strategy.
        Assert.StartsWith("Anemia — Mitigation Strategy: Monitoring complete blood count.", answer);
        Assert.DoesNotContain("Study Procedures", answer);
        Assert.Equal(21, citations[0].Page);
    }

    [Fact]
    public void A_cell_is_read_from_the_column_the_words_that_tell_the_columns_apart_name()
    {
        var table = DocHit("t", "statinex.pdf", 30,
            "Table 7: Overview of Efficacy Results in TNT\n"
            + "| Endpoint | Statinex 10 mg (N = 5,006) | Statinex 80 mg (N = 4,995) | HR* (95% CI) |\n| --- | --- | --- | --- |\n"
            + "| CHD death | 127 | 101 | 0.80 (0.61, 1.03) |\n"
            + "| Stroke (fatal and non-fatal) | 155 | 117 | 0.75 (0.59, 0.96) |\n"
            + "HR = hazard ratio; CI = confidence interval",
            "14 CLINICAL STUDIES", page: 26);

        var (answer, _) = Answerer.Answer("In the TNT trial, what was the hazard ratio for fatal and non-fatal stroke with statinex 80 mg versus 10 mg?", [table]);

        // "statinex" and "mg" head both dose columns and named them twice as often as "hazard ratio"
        // named its column: the answer gave the two counts and not the hazard ratio.
        Assert.StartsWith("Stroke (fatal and non-fatal) — HR* (95% CI) (hazard ratio, confidence interval): 0.75 (0.59, 0.96).", answer);
    }

    [Fact]
    public void A_chosen_sentence_that_points_back_is_quoted_after_the_sentence_it_points_to()
    {
        var protocol = DocHit("z", "zorvatide-protocol.pdf", 9,
            "Earlier trials of the oral form changed behaviour within a month. Effects on cognition take two to three months of treatment to show. "
            + "For that reason, the zorvatide trial is of 26 weeks duration. Visits are scheduled every 2 weeks.",
            "3.2 Discussion of Design and Control", page: 9);

        var (answer, citations) = Answerer.Answer("Why does the zorvatide trial last 26 weeks?", [protocol]);

        // "For that reason" alone does not say why; the sentence it refers to does.
        Assert.StartsWith("Effects on cognition take two to three months of treatment to show. [1: zorvatide-protocol.pdf, p. 9] For that reason,", answer);
        Assert.All(citations, c => Assert.Equal(9, c.Page));
    }

    [Fact]
    public void A_question_about_who_may_take_part_prefers_the_numbered_criterion_to_a_sentence_with_the_same_words()
    {
        var vitals = DocHit("s", "strokex-protocol.pdf", 40,
            "Blood pressure and pulse measurements will be assessed with an automated device after 5 minutes of rest.",
            "8.2 Vital Signs", page: 46);
        var criteria = DocHit("s", "strokex-protocol.pdf", 20,
            "Medical Conditions\n5. Prior stroke within 30 days of the index event\n"
            + "6. Uncontrolled hypertension (systolic blood pressure ≥ 160 mmHg) at randomization\n7. Active bleeding or a known bleeding disorder",
            "Medical Conditions", page: 30);

        var (answer, citations) = Answerer.Answer("What blood pressure excludes a patient from the study?", [vitals, criteria]);

        Assert.StartsWith("Medical Conditions: Uncontrolled hypertension (systolic blood pressure ≥ 160 mmHg)", answer);
        Assert.Equal(30, citations[0].Page);
    }

    [Theory]
    [InlineData("How many patients will be randomized?", "A total of 70 patients will be randomized.", true)]
    [InlineData("How many patients will be randomized?", "Patients are randomized 1:1 to 100 mg or placebo.", false)]
    [InlineData("How long does the study last for each patient?", "The study lasts approximately 18 weeks for each patient.", true)]
    [InlineData("What is the minimum age to join the study?", "Participants 45 years of age and older are eligible.", true)]
    [InlineData("What percentage of patients had nausea?", "Nausea occurred in 12.9% of patients.", true)]
    [InlineData("What percentage of patients had nausea at 40 mg?", "Nausea occurred at 40 mg.", false)]
    [InlineData("How many patients will be randomized?", "A Phase 2A study of zorvatide in patients.", false)]
    [InlineData("What is the dosage level of the high dose arm?", "High dose arm: 50mg once daily.", true)]
    [InlineData("Once stable, how often should the INR be repeated?", "Obtain subsequent INR determinations every 1 to 4 weeks.", true)]
    [InlineData("How often are liver tests repeated?", "Liver tests are repeated 2-3 times a week.", true)]
    [InlineData("On which day is the dose titrated up to 30 mg/day?", "The dose is titrated up to 30 mg/day on Day 29.", true)]
    [InlineData("On which day is the dose titrated up to 30 mg/day?", "The dose may be titrated up to 30 mg/day.", false)]
    [InlineData("What ages are eligible for the study?", "Adults aged 18 to 75 years with gout.", true)]
    [InlineData("On what study day do participants step up to the higher dose?", "The dose is titrated up to 30 mg/day on Day 29.", true)]
    [InlineData("On what study day do participants step up to the higher dose?", "Participants may be titrated up to 30 mg/day after approximately 4 weeks.", false)]
    [InlineData("At which treatment week is the biopsy repeated?", "The biopsy is repeated at Week 12.", true)]
    public void The_asked_quantity_is_a_new_number_in_the_asked_unit(string question, string sentence, bool states)
    {
        Assert.Equal(states, QuestionFocus.Of(question).StatesAskedQuantity(sentence));
    }

    [Fact]
    public void The_row_whose_label_the_question_names_is_read_even_where_its_table_goes_on_to_a_new_page_without_a_header()
    {
        const string section = "Review > Approved conjugates";
        var first = DocHit("r", "conjugates-review.pdf", 15,
            "Table 1 Approved antibody-drug conjugates in cancer\n| Agent | Target | Approved indications | Ref. |\n| --- | --- | --- | --- |\n"
            + "| Polatuzumab Vedotin | CD79B | Relapsed or refractory DLBCL | [24] |\n"
            + "| Enfortumab Vedotin | Nectin-4 | Locally advanced or metastatic UC after platinum chemotherapy | [25] |",
            section, page: 2);
        // The part on the next page starts with the rest of a row, which the parser printed above it.
        var next = DocHit("r", "conjugates-review.pdf", 16,
            "|  |  | 2. HER2-positive locally advanced or metastatic UC refractory to standard or regular therapies |  |\n| --- | --- | --- | --- |\n"
            + "| Tisotumab Vedotin | Tissue factor | Recurrent or metastatic cervical cancer with disease progression on or after chemotherapy | [35] |\n"
            + "| Mirvetuximab Soravtansine | FRα | Previously treated FRα positive, platinum-resistant epithelial ovarian cancer | [36] |",
            section, page: 3);

        var (answer, citations) = Answerer.Answer("What is the approved indication of tisotumab vedotin?", [first, next]);

        // Before, "Vedotin" and the "Approved indications" heading chose the rows of the first part,
        // and the Tisotumab row, read as a second header line (its "[35]" taken for an arm size), was never a candidate.
        Assert.StartsWith("Tisotumab Vedotin — Approved indications: Recurrent or metastatic cervical cancer with disease progression on or after chemotherapy.", answer);
        Assert.Equal(3, citations[0].Page);
        Assert.DoesNotContain("Polatuzumab", answer);
    }

    [Fact]
    public void A_row_named_in_full_by_the_question_is_its_answer_though_the_question_sounds_like_it_asks_for_a_dose()
    {
        var rationale = DocHit("g", "ZG400017_glucagon_protocol.pdf", 18,
            "Nasal glucagon (ZG400017) is a powder formulation of human glucagon that delivers 3 mg glucagon powder for absorption through the nasal mucosa.",
            "3.1 Study Rationale", page: 9);
        var treatments = DocHit("g", "ZG400017_glucagon_protocol.pdf", 110,
            "Table 2. Study Treatments\n| Treatment Name | ZG400017 | GlucaGen |\n| --- | --- | --- |\n"
            + "| Dosage Formulation | Dry powder | Dry powder |\n| Dosage Levels | 3 mg glucagon | 1 mg glucagon |\n"
            + "| Route of Administration | Intranasal | Intramuscular |",
            "7.1 Treatment Administered", page: 32);

        var (answer, citations) = Answerer.Answer("What is the dosage formulation of ZG400017?", [rationale, treatments]);

        // "dosage" asks for a dose in mg: the "Dosage Levels" row and the sentence giving 3 mg were quoted first.
        Assert.StartsWith("Dosage Formulation — ", answer);
        Assert.Contains("Dry powder", answer);
        Assert.Equal(32, citations[0].Page);
    }

    [Fact]
    public void An_abbreviation_spelled_out_states_nothing_and_a_question_about_joining_is_answered_by_the_criterion()
    {
        var abbreviations = DocHit("b", "zx700-protocol.pdf", 370,
            "10.12 Appendix 12: Abbreviations\n| Abbreviation | Term |\n| --- | --- |\n| NSAID | Nonsteroidal anti-inflammatory drug |\n| PK | Pharmacokinetics |",
            "10.12 Appendix 12: Abbreviations", page: 84);
        var concomitant = DocHit("b", "zx700-protocol.pdf", 166,
            "Should analgesics be needed during the study, use of paracetamol is recommended.",
            "6.5 Concomitant Therapy", page: 35);
        var criteria = DocHit("b", "zx700-protocol.pdf", 151,
            "Prior/Concomitant Therapy\n12. Planned use of full dose anticoagulation therapy during study conduct\n"
            + "13. Anticipated need for chronic (more than 4 weeks) therapy with NSAIDs",
            "Prior/Concomitant Therapy", page: 31);

        var (answer, citations) = Answerer.Answer("Can a patient who needs nonsteroidal anti-inflammatory drugs for pain join the study?",
            [abbreviations, concomitant, criteria]);

        // Before, the glossary row (every question word but "pain") and the recommendation were quoted first.
        Assert.DoesNotContain("Nonsteroidal anti-inflammatory drug.", answer);
        Assert.StartsWith("Prior/Concomitant Therapy: Anticipated need for chronic (more than 4 weeks) therapy with NSAIDs", answer);
        Assert.Equal(31, citations[0].Page);
        Assert.True(AcronymDefinitions.IsAbbreviationEntry("Abbreviations: CRU = clinical research unit; ECG = electrocardiogram; PK = pharmacokinetics."));
        Assert.False(AcronymDefinitions.IsAbbreviationEntry("| Dosage Levels | 3 mg glucagon | 1 mg glucagon |"));
    }

    [Fact]
    public void A_forgotten_tablet_is_answered_by_the_missed_dose_sentence_not_by_the_one_repeating_the_patient_s_words()
    {
        // "forgot ... take ... tablet": the administration sentence repeats two of the patient's
        // words and says nothing of a missed dose; the label's answer shares only "take" with them.
        var administration = DocHit("z", "zorvatide.pdf", 1, "Take one zorvatide tablet each morning with a glass of water. Each tablet contains 10 mg of zorvatide.",
            "2.1 Administration", page: 2);
        var missed = DocHit("z", "zorvatide.pdf", 4, "If a dose of zorvatide is missed, take it as soon as possible on the same day.",
            "2.6 Missed Dose", page: 5);

        var (answer, citations) = Answerer.Answer("I forgot to take my zorvatide tablet. What should I do?", [administration, missed]);

        Assert.StartsWith("If a dose of zorvatide is missed, take it as soon as possible on the same day.", answer);
        Assert.Equal(5, citations[0].Page);
    }

    [Fact]
    public void A_number_the_patient_leaflet_restates_is_quoted_from_the_prescribing_page()
    {
        // The leaflet's sentence ranks first and holds the question's words ("licorice", "day"); the
        // prescribing text gives the same number in its own words on another page.
        var leaflet = DocHit("z", "zorvatide.pdf", 40, "Avoid eating more than 3 servings of black licorice each day.",
            "17 PATIENT COUNSELING INFORMATION > What should I avoid while taking zorvatide?", page: 34);
        var prescribing = DocHit("z", "zorvatide.pdf", 9, "Concomitant intake of large amounts of black licorice, more than 3 servings daily, is not recommended in patients taking zorvatide.",
            "5 WARNINGS AND PRECAUTIONS > 5.4 Hypokalemia", page: 6);

        var (answer, citations) = Answerer.Answer("How much licorice a day is too much with zorvatide?", [leaflet, prescribing]);

        Assert.StartsWith("Concomitant intake of large amounts of black licorice, more than 3 servings daily", answer);
        Assert.Equal(6, citations[0].Page);
        Assert.DoesNotContain(citations, c => c.Page == 34);
    }

    [Fact]
    public void Advice_the_patient_leaflet_restates_without_a_number_is_quoted_from_the_prescribing_page()
    {
        // The leaflet says it to the patient and ranks first; the prescribing text says it to the prescriber.
        var leaflet = DocHit("z", "zorvatide.pdf", 40, "The dose of your insulin or sulfonylurea medicine may need to be lowered while you take zorvatide.",
            "PATIENT INFORMATION > What are the possible side effects of zorvatide?", page: 20);
        var prescribing = DocHit("z", "zorvatide.pdf", 9,
            "Patients taking insulin or a sulfonylurea medicine with zorvatide may require a lower dose of insulin or the sulfonylurea to minimize the risk of hypoglycemia.",
            "5 WARNINGS AND PRECAUTIONS > 5.3 Hypoglycemia", page: 6);

        var (answer, citations) = Answerer.Answer("When zorvatide is added to insulin or a sulfonylurea, what dose change may be needed?", [leaflet, prescribing]);

        Assert.StartsWith("Patients taking insulin or a sulfonylurea medicine with zorvatide may require a lower dose", answer);
        Assert.Equal(6, citations[0].Page);
        Assert.DoesNotContain(citations, c => c.Page == 20);
    }

    [Fact]
    public void A_leaflet_sentence_stays_when_no_prescribing_sentence_gives_its_number()
    {
        var leaflet = DocHit("z", "zorvatide.pdf", 40, "Avoid eating more than 3 servings of black licorice each day.",
            "17 PATIENT COUNSELING INFORMATION > What should I avoid while taking zorvatide?", page: 34);
        var prescribing = DocHit("z", "zorvatide.pdf", 9, "Concomitant intake of large amounts of black licorice is not recommended in patients taking zorvatide.",
            "5 WARNINGS AND PRECAUTIONS > 5.4 Hypokalemia", page: 6);

        var (answer, citations) = Answerer.Answer("How much licorice a day is too much with zorvatide?", [leaflet, prescribing]);

        Assert.StartsWith("Avoid eating more than 3 servings of black licorice each day.", answer);
        Assert.Equal(34, citations[0].Page);
    }

    [Fact]
    public void Apart_from_a_named_sign_the_answer_carries_the_sentence_naming_the_others()
    {
        // The sentence naming the sign the question already knows matches it best; the other signs
        // are in the next sentence, which shares only the syndrome's acronym with the question.
        var section = DocHit("z", "zorvatide.pdf", 12,
            "Zorvatide skin syndrome (ZSS) has been reported with zorvatide use, mostly in children. "
            + "ZSS is characterized by itching within 2 hours of a dose. "
            + "ZSS may be associated with fever, chills and joint pain.",
            "5 WARNINGS AND PRECAUTIONS > 5.2 Zorvatide Skin Syndrome (ZSS)", page: 7);

        var (answer, citations) = Answerer.Answer("Apart from itching, which signs can come with zorvatide skin syndrome (ZSS)?", [section]);

        Assert.Contains("ZSS is characterized by itching within 2 hours of a dose. [", answer);
        Assert.Contains("ZSS may be associated with fever, chills and joint pain.", answer);
        Assert.All(citations, c => Assert.Equal(7, c.Page));
    }

    [Fact]
    public void A_question_asking_on_what_study_day_is_answered_by_the_day_not_by_a_dose()
    {
        // Both sentences give a dose; the one holding more of the question's words says when only
        // in weeks. "On what study day" asks for the day.
        var day = DocHit("z", "zorvatide.pdf", 3, "Participants step up to the higher 30 mg/day on Day 29.", "6 STUDY INTERVENTION", page: 25);
        var dose = DocHit("z", "zorvatide.pdf", 8, "Participants start at 15 mg/day and may step up to the higher dose of 30 mg/day after 4 weeks.",
            "4 STUDY DESIGN > 4.3 Justification for Dose", page: 30);

        var (answer, citations) = Answerer.Answer("On what study day do zorvatide participants step up to the higher dose?", [day, dose]);

        Assert.StartsWith("Participants step up to the higher 30 mg/day on Day 29.", answer);
        Assert.Equal(25, citations[0].Page);
    }

    [Fact]
    public void A_word_of_one_label_s_title_does_not_hold_the_answer_to_it_when_a_better_ranked_document_uses_it()
    {
        // "NSAID" is in the label's title, so it would name the label; the protocol the question
        // describes ("the factor XIa inhibitor stroke trial") ranks first and states the limit.
        SearchHit Hit(string document, string file, string section, string text) => new(new Chunk
        {
            Id = document + "-1", DocumentId = document, Ordinal = 1, Text = text, Tokens = 30,
            PageSpans = [new PageSpan(0, 35)], Section = section,
        }, file, 1);
        var protocol = Hit("p", "protocol-7731.pdf", "6.5 Concomitant Therapy\nA Phase 2 Study of Zorvatide after Acute Stroke",
            "The concomitant use of NSAID therapy is discouraged. If a NSAID drug must be used, the shortest duration possible is selected, not to exceed 4 weeks.");
        var label = Hit("l", "pain-reliever-label.pdf", "Warnings\nIbuprofen Tablets 200 mg, Pain Reliever (NSAID)",
            "Long term continuous use of this NSAID may increase the risk of heart attack or stroke.");

        var (answer, citations) = Answerer.Answer("If a participant in the factor XIa inhibitor stroke trial needs an NSAID, for how long at most may it be used?", [protocol, label]);

        Assert.Contains("not to exceed 4 weeks", answer);
        Assert.Equal("p", citations[0].DocumentId);
        Assert.DoesNotContain(citations, c => c.DocumentId == "l");
    }

    [Fact]
    public void A_storage_question_is_answered_by_the_storage_temperature()
    {
        // The heading names the product form and the vial; the diluted bag's sentence says "stored".
        // "How should the vials be stored?" asks for the temperature the vials are kept at.
        var storage = DocHit("z", "zorvatide.pdf", 40,
            "ZORVATIDE Injection (Supplied as 100 mg/20 mL Solution in Vial)\n"
            + "Store zorvatide injection vials at refrigerated temperature (2°C to 8°C) until required for use. "
            + "Dilute within the same day as administration. "
            + "The diluted zorvatide solution in the infusion bags can be stored up to 24 hours at room temperature (20°C to 25°C).",
            "16 HOW SUPPLIED/STORAGE AND HANDLING", page: 23);

        var (answer, citations) = Answerer.Answer("How should unopened zorvatide injection (solution) vials be stored?", [storage]);

        Assert.StartsWith("Store zorvatide injection vials at refrigerated temperature (2°C to 8°C)", answer);
        Assert.Equal(23, citations[0].Page);
    }

    [Fact]
    public void An_amount_in_a_one_letter_unit_is_the_asked_quantity()
    {
        // "How much ... does the vial contain?" asks for a mass; "6 g" is it, though its unit is
        // one letter. The volume rows give a number too, in a unit not asked.
        var description = DocHit("z", "zorvatide.pdf", 30,
            "The inactive ingredients are 6 g sucrose octaacetate sodium, Water for Injection, and sodium hydroxide for pH adjustment.",
            "11 DESCRIPTION", page: 15);
        var table = DocHit("z", "zorvatide.pdf", 5,
            "| Dose | Required volume of zorvatide injection solution |\n| --- | --- |\n| Loading dose (2 vials) | 40 mL |\n| Maintenance dose (1 vial) | 20 mL |",
            "2 DOSAGE AND ADMINISTRATION > 2.4 Dilution", page: 6);

        var (answer, citations) = Answerer.Answer("How much sucrose octaacetate sodium does the zorvatide injection solution vial contain?", [table, description]);

        Assert.StartsWith("The inactive ingredients are 6 g sucrose octaacetate sodium", answer);
        Assert.Equal(15, citations[0].Page);
    }

    [Fact]
    public void A_duration_in_seconds_is_the_asked_duration()
    {
        // "How long" is answered in seconds as well as in minutes or days.
        var steps = DocHit("z", "zorvatide.pdf", 8,
            "Add 10 mL of diluent to the zorvatide vial. "
            + "Swirl the zorvatide vial gently for 45 seconds. "
            + "Allow the contents of the vial to settle for 2 to 3 minutes.",
            "2 DOSAGE AND ADMINISTRATION > 2.3 Reconstitution", page: 3);

        var (answer, _) = Answerer.Answer("After the diluent is in the zorvatide vial, for how long should the vial be swirled?", [steps]);

        Assert.StartsWith("Swirl the zorvatide vial gently for 45 seconds.", answer);
    }

    [Fact]
    public void A_list_of_signs_is_read_with_the_reaction_the_sentence_before_names()
    {
        // The list of signs names only "signs"; the sentence telling what to do when signs occur
        // holds more of the question's words. The list's subject is the reaction named before it.
        var warning = DocHit("z", "zorvatide.pdf", 20,
            "Infusion-related reactions have been observed during and after zorvatide infusion. "
            + "Signs and symptoms may include flushing, chills, wheezing, and low blood pressure. "
            + "If signs of a clinically significant infusion reaction occur, stop the infusion and treat the reaction.",
            "5 WARNINGS AND PRECAUTIONS > 5.1 Infusion-Related Reactions", page: 8);

        var (answer, _) = Answerer.Answer("What signs of an infusion-related reaction can occur with zorvatide?", [warning]);

        Assert.Contains("flushing, chills, wheezing", answer);
    }
    [Fact]
    public void How_common_asks_for_a_frequency_not_for_the_word_common()
    {
        // "How common" is answered by a share ("0.5 to 1.5% of adults"), not by a sentence using "common".
        var background = DocHit("q", "quelanib.pdf", 12,
            "Dry eye disease is among the most common reasons for eye clinic visits in adults with dry eye complaints. "
            + "The prevalence of dry eye disease in adults ranges from 0.5 to 1.5% in population surveys.",
            "2 BACKGROUND > 2.1 Disease", page: 9);

        var (answer, _) = Answerer.Answer("How common is dry eye disease in adults?", [background]);

        Assert.StartsWith("The prevalence of dry eye disease in adults ranges from 0.5 to 1.5%", answer);
    }

    [Fact]
    public void A_frequency_given_as_one_in_n_answers_how_often()
    {
        var reactions = DocHit("q", "quelanib.pdf", 14,
            "Dizziness with quelanib was reported in the first week of dizziness monitoring in 2019. "
            + "Dizziness with quelanib affected about 1 in 20 patients.",
            "6 ADVERSE REACTIONS", page: 10);

        var (answer, _) = Answerer.Answer("How often does dizziness occur with quelanib?", [reactions]);

        Assert.StartsWith("Dizziness with quelanib affected about 1 in 20 patients.", answer);
    }

    [Fact]
    public void What_kind_of_thing_is_answered_by_the_sentence_that_classes_it()
    {
        var pharmacology = DocHit("q", "quelanib.pdf", 30,
            "Plasma levels of the zorbitase enzyme rose in treated animals, and enzyme activity was measured weekly. "
            + "Zorbitase is a cysteine protease found in antigen-presenting cells.",
            "12 CLINICAL PHARMACOLOGY", page: 20);

        var (answer, _) = Answerer.Answer("What kind of enzyme is zorbitase?", [pharmacology]);

        Assert.StartsWith("Zorbitase is a cysteine protease", answer);
    }

    [Fact]
    public void What_type_of_thing_is_not_answered_by_a_sentence_saying_type_of_something_else()
    {
        // The sentence classing another drug mentions the enzyme and says "cell type": the word
        // "type" asks for the kind and is none of the question's content.
        var pharmacology = DocHit("q", "quelanib.pdf", 30,
            "Zorbitase is a cysteine protease found in antigen-presenting cells. "
            + "Quelanib is an oral prodrug cleaved by zorbitase or by other esterases, depending on the cell type.",
            "12 CLINICAL PHARMACOLOGY", page: 20);

        var (answer, _) = Answerer.Answer("What type of enzyme is zorbitase?", [pharmacology]);

        Assert.StartsWith("Zorbitase is a cysteine protease", answer);
    }

    [Fact]
    public void When_is_a_visit_asks_for_its_time()
    {
        var schedule = DocHit("q", "qx101.pdf", 40,
            "At the follow-up visit, vital signs and a follow-up questionnaire are recorded by the site staff. "
            + "Participants return for the follow-up visit 26 to 30 days after the last dose.",
            "1.3 Schedule of Activities", page: 15);

        var (answer, _) = Answerer.Answer("When is the follow-up visit?", [schedule]);

        Assert.StartsWith("Participants return for the follow-up visit 26 to 30 days after the last dose.", answer);
    }
}
