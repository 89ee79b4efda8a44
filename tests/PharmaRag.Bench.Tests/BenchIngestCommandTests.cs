using PharmaRag.Testing;

namespace PharmaRag.Bench.Tests;

/// <summary>`bench ingest`: time to searchable and to all steps done, per embedding model, over interleaved runs.</summary>
public sealed class BenchIngestCommandTests
{
    [Fact]
    public async Task It_compares_embedding_models_over_interleaved_runs_and_reports_the_median_of_each()
    {
        using var folder = new TempDirectory();
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "quellodine-label.pdf"), TestPdf.Pages(
            ["Quellodine tablets", "The recommended dose is 40 mg once daily with food."],
            ["Adverse reactions", "Headache occurred in 4% of patients taking quellodine."]));
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "varnotide-protocol.pdf"), TestPdf.Pages(
            ["Study VRN-301 of varnotide", "About 240 participants are planned in two arms."]));

        var (exit, output, error) = await BenchCli.RunAsync(
            "ingest", "--pdfs", folder.Path, "--ocr", "off", "--embeddings", "hashing,arctic-xs", "--runs", "2");

        Assert.True(exit == 0, error);
        Assert.Contains("2 PDFs, 3 pages", output);
        Assert.Contains("2 run(s) of each configuration", output);
        var summary = BenchCli.Lines(output).Where(l => l.StartsWith("| PharmaRag, OCR off", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, summary.Length);
        Assert.StartsWith("| PharmaRag, OCR off, embeddings hashing (pharmarag-hashing-v1", summary[0]);
        Assert.StartsWith("| PharmaRag, OCR off, embeddings arctic-xs (snowflake-arctic-embed-xs", summary[1]);
        Assert.All(summary, row => Assert.Contains("(median of 2; searchable ", row));

        // One row per run, in the order they ran: each configuration once per round.
        var perRun = BenchCli.Lines(output)
            .Where(l => l.StartsWith("| 1 | off |", StringComparison.Ordinal) || l.StartsWith("| 2 | off |", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1] + " " + l.Split('|', StringSplitOptions.TrimEntries)[3].Split(' ')[0])
            .ToArray();
        Assert.Equal(["1 hashing", "1 arctic-xs", "2 hashing", "2 arctic-xs"], perRun);
        Assert.Contains("### Steps, OCR off, embeddings arctic-xs (snowflake-arctic-embed-xs", output);
        Assert.Contains("| embedding | 2 |", output);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    public async Task It_refuses_a_run_count_outside_its_limit_and_names_the_limit(string runs)
    {
        using var folder = new TempDirectory();

        var (exit, _, error) = await BenchCli.RunAsync("ingest", "--pdfs", folder.Path, "--runs", runs);

        Assert.NotEqual(0, exit);
        Assert.Contains("--runs must be between 1 and 20", error);
    }
}
