using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;

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

    [Theory]
    [InlineData("How many patients will be randomized?", "A total of 70 patients will be randomized.", true)]
    [InlineData("How many patients will be randomized?", "Patients are randomized 1:1 to 100 mg or placebo.", false)]
    [InlineData("How long does the study last for each patient?", "The study lasts approximately 18 weeks for each patient.", true)]
    [InlineData("What is the minimum age to join the study?", "Participants 45 years of age and older are eligible.", true)]
    [InlineData("What percentage of patients had nausea?", "Nausea occurred in 12.9% of patients.", true)]
    [InlineData("What percentage of patients had nausea at 40 mg?", "Nausea occurred at 40 mg.", false)]
    [InlineData("How many patients will be randomized?", "A Phase 2A study of zorvatide in patients.", false)]
    [InlineData("What is the dosage level of the high dose arm?", "High dose arm: 50mg once daily.", true)]
    public void The_asked_quantity_is_a_new_number_in_the_asked_unit(string question, string sentence, bool states)
    {
        Assert.Equal(states, QuestionFocus.Of(question).StatesAskedQuantity(sentence));
    }
}
