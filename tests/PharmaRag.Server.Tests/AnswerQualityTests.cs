using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// What the offline answer of /rag-query states, through the real pipeline and HTTP: a table cell
/// whose row label is printed once for its group, a boxed warning asked for by name. Each
/// library is built so that choosing sentences by their overlap with the question's words quotes
/// the wrong thing.
/// </summary>
public sealed class AnswerQualityTests
{
    private static readonly string[] SmallChunks = ["--PharmaRag:Ingestion:ChunkTokens=80"];

    private static readonly string[] Filler =
    [
        "Store the bottles at room temperature away from light and moisture.",
        "Keep this and all medicines out of the reach of children.",
        "Dispense in a tight container as defined in the pharmacopeia.",
    ];

    [Fact]
    public async Task A_cell_in_a_row_whose_label_is_printed_once_for_its_group_is_stated_with_that_label()
    {
        var label = TestPdf.RuledTable(
            "Table 2. Amount of Water for Mixing Oral Suspension",
            [
                ["Strength", "Bottle Size", "Amount of Water Required for Reconstitution"],
                ["", "80 mL", "62 mL"],
                ["125 mg/5 mL", "100 mL", "78 mL"],
                ["", "150 mL", "116 mL"],
                ["", "80 mL", "59 mL"],
                ["250 mg/5 mL", "100 mL", "74 mL"],
                ["", "150 mL", "111 mL"],
            ],
            "Tap the bottle until all powder flows freely, then add the water in two portions.");
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("amoxicillin.pdf", label));

        var answer = await server.Client.AskAsync("How much water is needed for the 150 mL bottle of the 250 mg/5 mL amoxicillin suspension?");

        // The 150 mL rows have no strength of their own; read alone, the 125 mg/5 mL group's 116 mL matches as well.
        var text = (string)answer["answer"]!;
        Assert.StartsWith("250 mg/5 mL — ", text);
        Assert.Contains("111 mL", text.Split('[')[0]);
        Assert.DoesNotContain("116 mL", text);
        var citation = answer["citations"]!.AsArray()[0]!;
        Assert.Equal("amoxicillin.pdf", (string)citation["filename"]!);
        Assert.Equal(1, (int)citation["page"]!);
    }

    [Fact]
    public async Task A_boxed_warning_question_is_answered_from_the_box_on_the_first_page()
    {
        var label = TestPdf.Pages(
            [
                "ZORVATIDE tablets, for oral use",
                "WARNING: SERIOUS BLEEDING",
                "See full prescribing information for complete boxed warning.",
                "Zorvatide can cause major or fatal bleeding.",
                "Monitor blood counts in all treated patients.",
                "INDICATIONS AND USAGE",
                "Zorvatide is indicated for the treatment of chronic gout in adults.",
            ],
            Filler,
            Filler,
            [
                "17 PATIENT COUNSELING INFORMATION",
                "Advise patients about the boxed warning: the signs of serious bleeding, and to report bleeding to their doctor [see Boxed Warning].",
                "Advise patients that the boxed warning on serious bleeding applies while they take zorvatide.",
            ]);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, SmallChunks);
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zorvatide.pdf", label));

        var answer = await server.Client.AskAsync("What does the boxed warning of zorvatide say?");

        // The counselling sentences hold "boxed warning" and "zorvatide"; the box itself says neither.
        var text = (string)answer["answer"]!;
        Assert.Contains("Zorvatide can cause major or fatal bleeding.", text);
        Assert.DoesNotContain("Advise patients", text);
        Assert.All(answer["citations"]!.AsArray(), c => Assert.Equal(1, (int)c!["page"]!));
    }
}
