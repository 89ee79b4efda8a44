using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Core.Tests;

public sealed class SentenceRerankerTests
{
    private const string Question = "How many participants will be enrolled in the zorvatide study?";

    // The first-stage order: the title page, which repeats the question's naming words but states
    // nothing, above the chunk that states the number asked for.
    private static SearchHit[] Pool(int documentChunks) =>
    [
        Hit("x-0", "x", "Zorvatide Study: Clinical Study Protocol of Example Pharma.", documentChunks),
        Hit("b-3", "b", "Approximately 48 participants will be enrolled at six sites.", documentChunks),
        Hit("d-1", "d", "Participants will be enrolled at 40 sites and followed for one year.", documentChunks),
    ];

    private static SearchHit Hit(string id, string document, string text, int documentChunks) => new(new Chunk
    {
        Id = id, DocumentId = document, Ordinal = 0, Text = text, Tokens = 20, PageSpans = [new PageSpan(0, 1)],
    }, document + ".pdf", 1) { DocumentChunks = documentChunks };

    // A passage of document "p", 40 chunks long, at its place in the document.
    private static SearchHit InP(int ordinal, string text, int tokens = 40, string? section = null) => new(new Chunk
    {
        Id = $"p-{ordinal}", DocumentId = "p", Ordinal = ordinal, Text = text, Tokens = tokens, PageSpans = [new PageSpan(0, 1)],
        Section = section,
    }, "p.pdf", 1) { DocumentChunks = 40 };

    [Fact]
    public void Passages_of_long_documents_are_reordered_by_the_sentence_stating_the_fact()
    {
        var reranked = SentenceReranker.Rerank(Question, Pool(documentChunks: 20), topK: 3);

        Assert.Equal("b-3", reranked[0].Chunk.Id);
    }

    [Fact]
    public void Short_documents_keep_the_first_stage_order()
    {
        // An abstract or a snippet is one passage: its whole-text BM25 rank stands.
        var reranked = SentenceReranker.Rerank(Question, Pool(documentChunks: 1), topK: 3);

        Assert.Equal(["x-0", "b-3", "d-1"], reranked.Select(h => h.Chunk.Id));
    }

    [Fact]
    public void A_table_caption_cut_off_as_its_own_chunk_lifts_the_table_under_it()
    {
        // The caption names what the question asks; the table under it, the next chunk, states
        // the grades in words the question does not use.
        SearchHit Chunk(int ordinal, string text, int tokens) => InP(ordinal, text, tokens);
        SearchHit[] pool =
        [
            Chunk(5, "Table 2 Adverse Event Severity Grading Scale", 10),
            Chunk(1, "A serious adverse event is any adverse event that is fatal or life-threatening.", 40),
            Chunk(2, "Adverse events are recorded at every visit and described in the source documents.", 40),
            Chunk(6, "Mild: discomfort noticed, but no disruption of daily activity. Severe: incapacitating with inability to work.", 40),
        ];

        var reranked = SentenceReranker.Rerank("How is a severe adverse event described in the severity grading scale?", pool, topK: 4);

        Assert.Contains("p-6", reranked.Take(3).Select(h => h.Chunk.Id));
    }

    [Fact]
    public void A_table_of_contents_does_not_outrank_the_section_stating_the_fact()
    {
        // Asked of one label without its name, the contents list holds more of the question's
        // words (every section title) than the sentence that answers it.
        SearchHit Chunk(int ordinal, string text) => InP(ordinal, text, tokens: 60);
        SearchHit[] pool =
        [
            Chunk(5, "2.1 Testing Before Initiating Treatment 2.2 Recommended Dosage 2.3 Renal Impairment\n" +
                "5.1 Hypersensitivity Reactions 8.6 Renal Impairment 8.7 Hepatic Impairment 12.3 Pharmacokinetics"),
            Chunk(40, "Hepatic laboratory testing is advised in all patients while they receive the infusion."),
            Chunk(9, "Determine kidney function (eGFR) in all patients before initiating treatment."),
            Chunk(60, "No dosage adjustment is needed for treatment in elderly patients."),
            Chunk(61, "Treatment may be extended for up to 5 more days."),
        ];

        var reranked = SentenceReranker.Rerank("What kidney testing is done before initiating its treatment in renal impairment?", pool, topK: 5);

        Assert.Equal("p-9", reranked[0].Chunk.Id);
    }

    [Fact]
    public void A_sentence_using_the_acronym_the_document_defines_holds_the_long_form_the_question_spells_out()
    {
        // The document defines "monocyte chemoattractant receptor (MCR)" once and then says "MCR":
        // the sentence stating what it blocks holds none of the question's long-form words.
        SearchHit[] pool =
        [
            InP(30, "Monocyte counts and receptor assays were measured at every visit."),
            InP(12, "MCR blocks entry of the virus into host cells."),
            InP(3, "The monocyte chemoattractant receptor (MCR) is expressed on macrophages."),
        ];

        var reranked = SentenceReranker.Rerank("What does the monocyte chemoattractant receptor block?", pool, topK: 3);

        Assert.Equal("p-12", reranked[0].Chunk.Id);
    }

    [Fact]
    public void A_question_about_inclusion_prefers_the_inclusion_criteria_to_the_exclusion_list()
    {
        // The exclusion list repeats more of the question's words ("patients", "years of age");
        // the inclusion criterion states the age asked for.
        SearchHit Chunk(int ordinal, string section, string text) => InP(ordinal, text, section: section);
        SearchHit[] pool =
        [
            Chunk(20, "6 Study Visits", "Patients are seen at every visit and may bring a carer."),
            Chunk(12, "4.2.2 Exclusion Criteria", "Patients older than 85 years of age."),
            Chunk(11, "4.2.1 Inclusion Criteria", "Men and women at least 50 years of age."),
        ];

        var reranked = SentenceReranker.Rerank("How old must patients be to be included in the zorvatide study?", pool, topK: 3)
            .Select(h => h.Chunk.Id).ToList();

        Assert.True(reranked.IndexOf("p-11") < reranked.IndexOf("p-12"), string.Join(", ", reranked));
    }

    [Fact]
    public void A_question_asking_on_which_day_a_dose_is_raised_finds_the_day_not_a_dose()
    {
        // The question's "dose" and "30 mg/day" make every dose a candidate answer; the day the
        // dose is raised is what is asked.
        SearchHit Chunk(int ordinal, string text) => InP(ordinal, text);
        SearchHit[] pool =
        [
            Chunk(30, "The 15 to 60 mg/day zorvatide dose range was effective in the earlier study."),
            Chunk(12, "Participants receive zorvatide 15 mg/day for 28 days, then the dose is titrated up to 30 mg/day on Day 29."),
            Chunk(31, "Safety visits take place on Day 8 and Day 15 of the zorvatide dose period."),
            Chunk(32, "Blood samples are drawn on Day 22 before the zorvatide dose."),
        ];

        var reranked = SentenceReranker.Rerank("On which day is the zorvatide dose titrated up to 30 mg/day?", pool, topK: 3);

        Assert.Equal("p-12", reranked[0].Chunk.Id);
    }
}
