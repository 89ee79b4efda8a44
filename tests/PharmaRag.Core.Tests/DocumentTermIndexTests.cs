using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Retrieval;

namespace PharmaRag.Core.Tests;

public sealed class DocumentTermIndexTests
{
    private const string Title = "A Randomized Study of Zorvatide in Patients with Chronic Gout";

    private static Chunk Chunk(int ordinal, string section, string text) => new()
    {
        Id = Ingestion.Chunk.MakeId("doc", ordinal),
        DocumentId = "doc",
        Ordinal = ordinal,
        Text = text,
        Tokens = text.StartsWith("Table", StringComparison.Ordinal) ? 8 : 60,
        PageSpans = [new PageSpan(0, ordinal + 1)],
        // As TextChunker writes it: the section path, then the document title on every chunk but the first.
        Section = ordinal == 0 ? section : section + "\n" + Title,
    };

    private static readonly Chunk[] Protocol =
    [
        Chunk(0, "", Title + ". Protocol ZX-202, version 3."),
        Chunk(1, "SYNOPSIS", "Patients with chronic gout: a randomized study of zorvatide in patients; patients are randomized."),
        Chunk(2, "VISITS", "Study visits take place every four weeks; the study nurse telephones before each visit."),
        Chunk(3, "LABORATORY", "Samples are shipped frozen to the central laboratory on dry ice every week."),
        Chunk(4, "NUMBER OF PATIENTS", "A total of 60 patients will be randomized, 30 per treatment group."),
        Chunk(5, "CONTRAINDICATED MEDICINES", "Zorvatide is contraindicated with strong CYP3A4 inhibitors."),
        Chunk(6, "SAFETY", "Table 3 Severity Grading Scale"),
        Chunk(7, "SAFETY", "Mild: discomfort noticed. Severe: incapacitating with inability to work."),
    ];

    [Fact]
    public void The_chunk_stating_the_fact_outranks_the_chunks_repeating_the_title()
    {
        var index = DocumentTermIndex.Build(Protocol);
        var title = DocumentTermIndex.Terms(Title).ToHashSet(StringComparer.Ordinal);

        // Every chunk but the first carries the title in its header; only the body and section
        // path are indexed, and the title's words count less, so the synopsis that restates the
        // title does not outrank the chunk that states the number. (The router has already taken
        // the naming word, "zorvatide", out of the question.)
        var hits = index.Search(DocumentTermIndex.Terms("how many patients will be randomized per treatment group"), title, 10);

        Assert.Equal("doc-4", hits[0].ChunkId);
        Assert.DoesNotContain(hits, h => h.ChunkId is "doc-2" or "doc-3");
    }

    [Fact]
    public void Derived_forms_of_a_word_match_each_other()
    {
        var index = DocumentTermIndex.Build(Protocol);

        var hits = index.Search(DocumentTermIndex.Terms("What are the contraindications?"), new HashSet<string>(), 10);

        Assert.Equal("doc-5", Assert.Single(hits).ChunkId);
    }

    [Fact]
    public void A_question_none_of_whose_words_the_document_uses_finds_nothing()
    {
        var index = DocumentTermIndex.Build(Protocol);

        Assert.Empty(index.Search(DocumentTermIndex.Terms("renal impairment dosing"), new HashSet<string>(), 10));
        Assert.Equal(Protocol.Length, index.Count);
    }

    [Fact]
    public void A_caption_cut_off_as_its_own_chunk_brings_the_table_under_it()
    {
        var index = DocumentTermIndex.Build(Protocol);

        var hits = index.Search(DocumentTermIndex.Terms("severity grading scale"), new HashSet<string>(), 10);

        Assert.Equal(["doc-6", "doc-7"], hits.Select(h => h.ChunkId));
    }

    [Fact]
    public void A_table_of_contents_is_not_ranked_inside_its_document()
    {
        // The contents list holds every section title, so a question asked of the document finds
        // more of its words there than in the section that states the fact.
        Chunk[] chunks =
        [
            Chunk(1, "", "2.1 Testing Before Initiating Treatment 2.2 Recommended Dosage 2.3 Renal Impairment\n" +
                "5.1 Hypersensitivity Reactions 8.6 Renal Impairment 8.7 Hepatic Impairment 12.3 Pharmacokinetics"),
            Chunk(2, "TESTING", "Determine kidney function in all patients before initiating treatment."),
            Chunk(3, "DOSAGE", "The recommended dosage is one tablet daily."),
        ];
        var index = DocumentTermIndex.Build(chunks);

        var hits = index.Search(DocumentTermIndex.Terms("kidney testing before initiating treatment in renal impairment"), new HashSet<string>(), 10);

        Assert.Equal(Ingestion.Chunk.MakeId("doc", 2), hits[0].ChunkId);
        Assert.DoesNotContain(hits, h => h.ChunkId == Ingestion.Chunk.MakeId("doc", 1));
    }
}
