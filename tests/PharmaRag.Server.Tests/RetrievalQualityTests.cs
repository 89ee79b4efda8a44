using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// The failure classes of retrieval on pharma questions, each on a tiny library through the real
/// pipeline and HTTP: a question naming the study, a table cell lookup, lay words for a label's
/// clinical terms. Each library is built so that plain BM25 over the chunk text ranks the wrong
/// chunk first.
/// </summary>
public sealed class RetrievalQualityTests
{
    // Small chunks, so that a title page and the page stating the fact are separate chunks (and a
    // protocol of a few pages is a long document: DocumentRouter.LongDocumentChunks).
    private static readonly string[] SmallChunks = ["--PharmaRag:Ingestion:ChunkTokens=80"];

    private static readonly string[] OtherProtocol =
    [
        "Protocol QT-7: A Phase 3 Study of Quelanib in Adults with Severe Asthma",
        "Number of participants: approximately 300 participants will be enrolled in the study.",
        "Participants will be enrolled at 40 sites and followed for one year after enrolment.",
    ];

    private static readonly string[] Filler =
    [
        "Samples are shipped frozen to the central laboratory on dry ice every week.",
        "The laboratory manual describes the labelling of tubes and the courier forms.",
        "Site staff record the time of each sample and the temperature of the freezer.",
    ];

    [Fact]
    public async Task A_question_naming_the_study_ranks_the_chunk_stating_the_fact_above_the_title_page()
    {
        var zorvatide = TestPdf.Pages(
            [
                "Protocol ZX-101",
                "A Phase 2 Study of Zorvatide in Adults with Chronic Gout",
                "Zorvatide Study ZX-101 Clinical Study Protocol, Version 2",
                "Sponsor: Example Pharma. Zorvatide (ZX-101) is an investigational urate transporter inhibitor.",
                "Study ZX-101 of zorvatide: protocol approval page and signatures of the study team.",
            ],
            Filler,
            Filler,
            Filler,
            ["Number of participants: approximately 48 participants will be enrolled at six sites."]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zx101.pdf", zorvatide));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("qt7.pdf", TestPdf.Pages(OtherProtocol, Filler, Filler, Filler)));

        var hits = await server.Client.SearchAsync("In study ZX-101 of zorvatide, how many participants will be enrolled?");

        Assert.Contains("48 participants", Text(hits[0]));
    }

    [Fact]
    public async Task Common_words_of_a_protocol_title_still_find_the_fact_inside_the_named_protocol()
    {
        // The title ("Randomized", "Patients") is indexed with every chunk, so those words are in the
        // title page and in every chunk alike: they must not be taken for the words naming the
        // protocol and dropped from the search inside it.
        var zx202 = TestPdf.Pages(
            [
                "Protocol ZX-202",
                "A Randomized Study of Zorvatide in Patients with Chronic Gout",
                "Study ZX-202 clinical study protocol, version 3, and the signatures of the study team.",
            ],
            Filler,
            ["Study visits take place every four weeks; the study nurse telephones before each visit."],
            Filler,
            ["NUMBER OF PATIENTS", "A total of 60 patients will be randomized in a 1:1 ratio to zorvatide or placebo."]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zx202.pdf", zx202));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("qt7.pdf", TestPdf.Pages(OtherProtocol, Filler, Filler, Filler)));

        const string question = "In study ZX-202 of Zorvatide, how many patients will be randomized?";
        var hits = await server.Client.SearchAsync(question);
        var answer = await server.Client.AskAsync(question);

        Assert.Contains("60 patients", Text(hits[0]));
        Assert.StartsWith("A total of 60 patients will be randomized", (string)answer["answer"]!);
    }

    [Fact]
    public async Task A_table_cell_asked_by_drug_row_and_column_is_found_and_stated_in_the_answer()
    {
        var label = TestPdf.TitledTable(
            ["ZORVATIDE tablets, for oral use", "Zorvatide prescribing information", "Initial approval: 2024"],
            [
                "Headache was the reason most patients taking the 40 mg dose of a uricosuric stopped treatment early.",
                "Patients should report any headache to their doctor.",
            ],
            "Table 1: Adverse reactions (%)",
            [
                ["Adverse reaction", "Placebo", "10 mg", "40 mg"],
                ["Nausea", "3.5", "3.7", "7.1"],
                ["Headache", "2.1", "2.6", "9.4"],
                ["Dizziness", "1.2", "1.9", "4.4"],
            ]);
        var other = TestPdf.Pages(
            ["QUELANIB tablets, for oral use", "Quelanib prescribing information"],
            [
                "Headache occurred in patients taking quelanib 40 mg more often than in patients taking placebo.",
                "The percentage of patients with headache was higher at 40 mg; patients should take quelanib with food.",
            ]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zorvatide.pdf", label));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("quelanib.pdf", other));

        const string question = "What percentage of patients taking zorvatide 40 mg had headache?";
        var hits = await server.Client.SearchAsync(question);
        var answer = await server.Client.AskAsync(question);

        // Plain overlap prefers the sentences that repeat "patients taking ... 40 mg ... headache" but state no rate.
        Assert.Contains(hits.Take(3), h => Text(h).Contains("| Headache | 2.1 | 2.6 | 9.4 |", StringComparison.Ordinal));
        Assert.Contains("9.4", (string)answer["answer"]!);
        Assert.Contains(answer["citations"]!.AsArray(), c => (string)c!["filename"]! == "zorvatide.pdf" && (int)c["page"]! == 2);
    }

    [Fact]
    public async Task Lay_words_find_the_label_section_in_clinical_words()
    {
        // A label of a few pages is a long document (DocumentRouter.LongDocumentChunks): lay words
        // are expanded where the first-stage pool comes mostly from long documents.
        var label = TestPdf.Pages(
            [
                "ZORVATIDE tablets, for oral use",
                "Zorvatide can be taken by adults with or without food, once a day.",
                "A woman taking zorvatide should tell her doctor about all medicines she takes.",
            ],
            Filler,
            Filler,
            Filler,
            ["8.1 Pregnancy: Zorvatide may cause fetal harm; it is contraindicated in pregnancy."]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zorvatide.pdf", label));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("qt7.pdf", TestPdf.Pages(OtherProtocol, Filler)));

        var hits = await server.Client.SearchAsync("Can a pregnant woman take zorvatide?");

        Assert.Contains("fetal harm", Text(hits[0]));
    }

    [Fact]
    public async Task A_protocol_whose_first_page_is_only_a_date_is_named_by_the_code_on_its_title_page()
    {
        // The first chunk holds only the date (the title page heading starts a section); the
        // protocol number follows on the title page, which every later chunk carries in its header
        // as the document title.
        var zx404 = TestPdf.Pages(
            [
                "18 Mar 2022",
                "TITLE PAGE",
                "Protocol Title: A Phase 2 Study of Copper Balance in Participants with Wilson Disease Treated with Zorvatide",
                "Protocol Number: ZX-404. Compound: zorvatide.",
            ],
            Filler,
            Filler,
            ["Participants stay in the clinical research unit for the first two weeks of the study."],
            Filler,
            Filler,
            ["Number of Participants: The sample size will be approximately 12 participants."]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zx404.pdf", zx404));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("qt7.pdf", TestPdf.Pages(OtherProtocol, Filler, Filler, Filler)));

        var hits = await server.Client.SearchAsync("In study ZX-404, how many participants are planned?");

        Assert.Contains("approximately 12 participants", Text(hits[0]));
    }

    [Fact]
    public async Task A_question_in_full_words_finds_the_fact_the_protocol_states_by_its_acronym()
    {
        // The protocol defines "clinical research unit (CRU)" once and then says only "CRU": by
        // the question's full words the fact shares only "participants" and "hours", which
        // sentences about fasting and rest share too, and ranks below them.
        var zx505 = TestPdf.Pages(
            ["Protocol ZX-505: A Phase 1 Study of Zorvatide in Healthy Volunteers"],
            Filler,
            ["Participants are admitted to the clinical research unit (CRU) on Day -1 and sign the consent form."],
            Filler,
            ["Participants may stay at home and rest for 2 hours each afternoon between visits."],
            Filler,
            ["Participants fast for 10 hours before each visit and may stay seated for the blood draw."],
            Filler,
            ["Participants who stay overnight at a hotel are reimbursed for up to 12 hours of travel."],
            Filler,
            ["Participants remain in the CRU until at least 8 hours after the last dose."]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zx505.pdf", zx505));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("qt7.pdf", TestPdf.Pages(OtherProtocol, Filler, Filler, Filler)));

        var hits = await server.Client.SearchAsync("In study ZX-505, how many hours do participants stay in the clinical research unit?");

        // Without the acronym the fact ranked below the five chunks shown (the fasting, rest and
        // travel sentences); with it, the fact's "CRU" counts for the question's full words.
        Assert.Contains(hits.Take(4), h => Text(h).Contains("at least 8 hours", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lay_words_for_a_lower_blood_level_find_the_label_line_on_reduced_plasma_concentrations()
    {
        var label = TestPdf.Pages(
            [
                "ZORVATIDE tablets, for oral use",
                "Zorvatide can be taken by adults with or without food, once a day.",
            ],
            ["Zorvatide lowers uric acid levels in the blood; uric acid levels in the blood are checked every month."],
            Filler,
            Filler,
            ["7 DRUG INTERACTIONS", "Rifampin: may reduce zorvatide plasma concentrations; avoid concomitant use."]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zorvatide.pdf", label));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("qt7.pdf", TestPdf.Pages(OtherProtocol, Filler)));

        var hits = await server.Client.SearchAsync("Which antibiotic may lower zorvatide levels in the blood?");

        Assert.Contains("Rifampin", Text(hits[0]));
    }

    [Fact]
    public async Task How_long_a_named_trial_lasts_finds_its_duration()
    {
        var zx606 = TestPdf.Pages(
            ["Protocol ZX-606", "A Study of Zorvatide Transdermal System in Patients with Chronic Gout"],
            ["Patients with a history within the last 5 years of kidney stones are excluded from the study."],
            Filler,
            Filler,
            Filler,
            ["Summary of Study Design: a randomized, placebo-controlled trial of 26 weeks duration."]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zx606.pdf", zx606));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("qt7.pdf", TestPdf.Pages(OtherProtocol, Filler)));

        var hits = await server.Client.SearchAsync("How long does the zorvatide transdermal trial last?");

        Assert.Contains("26 weeks duration", Text(hits[0]));
    }

    [Fact]
    public async Task A_question_scoped_to_one_label_is_ranked_by_that_label_s_own_word_statistics()
    {
        // Asked of the label alone and without naming it ("how many tablets ... ?"): "food" and
        // "tablets" are common words across the library, "flare" rare, so the library's statistics
        // rank the label's pages on flares first; inside the label, "food" is said once, where the
        // fact is.
        // Each page is a chunk of its own: the sentence between the filler lines.
        static string[] Page(string sentence) => [.. Filler, sentence, .. Filler];
        var label = TestPdf.Pages(
            ["ZORVATIDE tablets, for oral use", "Initial approval: 2024", .. Filler, .. Filler],
            Page("A flare is a sudden attack of pain in one joint."),
            Page("Each flare is recorded in the patient diary."),
            Page("Flare frequency falls after six months."),
            Page("Take 2 tablets with food."));
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        var id = await server.Client.UploadAsync("zorvatide.pdf", label);
        await server.Client.WaitForFinalStatusAsync(id);
        foreach (var drug in new[] { "Quelanib", "Morvastin", "Tenlorex" })
        {
            var other = TestPdf.Pages(
                [$"{drug.ToUpperInvariant()} tablets, for oral use"],
                Page($"{drug} tablets may be taken with or without food."),
                Page($"Food does not change how {drug.ToLowerInvariant()} tablets are absorbed."),
                Page("Store the tablets away from food and moisture."),
                Page("A high-fat food intake delays the peak concentration by one hour."));
            await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync(drug.ToLowerInvariant() + ".pdf", other));
        }

        var hits = await server.Client.SearchAsync("How many tablets are taken with food during a flare?", documentIds: id);

        Assert.Contains("Take 2 tablets with food", Text(hits[0]));
    }

    [Fact]
    public async Task A_question_naming_a_protocol_and_an_author_only_another_document_cites_is_not_routed_to_the_protocol()
    {
        // "Zorvatide" names the protocol (its title), but the review paper also discusses it and
        // alone cites "Okafor": the question asks what the paper reports, so the protocol's own
        // chunks must not be ranked above it as if the question were about the protocol.
        var protocol = TestPdf.Pages(
            ["Protocol ZX-303", "A Phase 2 Study of Zorvatide in Adults with Chronic Gout"],
            ["Genetic testing for resistance to zorvatide is described in the laboratory manual."],
            Filler,
            Filler,
            ["Participants who develop resistance stop zorvatide and are followed for safety."],
            Filler,
            Filler,
            Filler);
        var review = TestPdf.Pages(
            [
                "Mechanisms of resistance to urate transporter inhibitors: a review",
                "Abstract. Urate transporter inhibitors are a growing class of oral drugs for chronic gout, and acquired resistance limits how long they work in many patients; this review summarises what cell lines, animal models and clinical cohorts have shown so far.",
            ],
            ["Okafor and colleagues found that the BCL9X gene drives resistance to zorvatide in cell lines."],
            ["Transporter inhibitors lower urate by blocking its reabsorption in the kidney."],
            Filler,
            Filler,
            Filler,
            ["Combination therapy may delay resistance in chronic gout."]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zx303.pdf", protocol));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("review.pdf", review));

        var hits = await server.Client.SearchAsync("Which gene did Okafor and colleagues find drives resistance to Zorvatide?");

        Assert.Contains("BCL9X", Text(hits[0]));
    }

    [Fact]
    public async Task A_two_letter_abbreviation_only_another_document_uses_does_not_keep_the_question_from_the_named_label()
    {
        // "ZORVATIDE ER" names the label by its drug; the label writes "extended-release", never
        // "ER", while a paper uses "ER" for estrogen receptor. Two letters abbreviate too much to
        // say the question is about the paper rather than the label it names.
        var label = TestPdf.Pages(
            ["ZORVATIDE extended-release tablets, for oral use", "Initial approval: 2024"],
            Filler,
            ["When zorvatide is added to a sulfonylurea, a lower dose of the sulfonylurea may be needed to avoid low blood sugar."],
            Filler,
            Filler,
            Filler);
        var paper = TestPdf.Pages(
            ["Hormone receptor status in metabolic trials: a review"],
            ["ER status was recorded before any sulfonylurea was added, and the sulfonylurea dose was not changed."],
            ["Blood sugar was measured weekly while ER positive participants took a sulfonylurea."],
            Filler,
            Filler);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zorvatide.pdf", label));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("review.pdf", paper));

        var hits = await server.Client.SearchAsync("When Zorvatide ER is added to a sulfonylurea, what dose change may be needed?");

        Assert.True(Text(hits[0]).Contains("a lower dose of the sulfonylurea"), string.Join(" || ", hits.Select(h => Text(h))));
    }

    private static string Text(JsonNode? hit) => (string)hit!["text"]!;
}
