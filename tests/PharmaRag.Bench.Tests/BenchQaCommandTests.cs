using System.Text.Json;
using PharmaRag.Testing;

namespace PharmaRag.Bench.Tests;

public sealed class BenchQaCommandTests
{
    [Fact]
    public async Task Bench_qa_ingests_the_folder_scores_every_question_and_reports_the_baseline_beside_it()
    {
        using var temp = new TempDirectory();
        var json = Path.Combine(temp.Path, "qa.json");

        var (exit, output, error) = await BenchCli.RunAsync(
            "qa", "--docs", BenchCli.TestData("tiny-qa", "docs"), "--questions", BenchCli.TestData("tiny-qa", "questions.jsonl"),
            "--k", "3", "--json", json);

        Assert.True(exit == 0, error);
        var lines = BenchCli.Lines(output);
        // q1-q3 are found (q3 only once the en dash of the label is normalised); q4 is scoped to
        // a leaflet that does not hold its answer, which only the trial notes do.
        Assert.Equal("recall@3 0.7500 (n=4)", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("| qa | naive | 4 |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| qa | bm25-baseline | 4 |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| qa | 3 | 0 |", StringComparison.Ordinal)); // 3 documents, none failed

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var set = report.RootElement.GetProperty("sets")[0];
        Assert.Equal(3, set.GetProperty("documents").GetInt32());
        var modes = set.GetProperty("modes").EnumerateArray().ToDictionary(m => m.GetProperty("mode").GetString()!);
        Assert.Equal(["naive", "local", "global", "hybrid", "mix", "bm25-baseline"], modes.Keys);
        Assert.Equal(0.75, modes["bm25-baseline"].GetProperty("metrics").GetProperty("recall@3").GetDouble());
        Assert.Equal(0.75, modes["naive"].GetProperty("metrics").GetProperty("recall@3").GetDouble());
        // The last line reports the default mode, mix.
        Assert.Equal(0.75, modes["mix"].GetProperty("metrics").GetProperty("recall@3").GetDouble());
    }

    [Fact]
    public async Task The_report_names_the_embedding_model_and_the_vector_weight_it_ran_with()
    {
        using var temp = new TempDirectory();
        var json = Path.Combine(temp.Path, "qa.json");

        var (exit, output, error) = await BenchCli.RunAsync(
            "qa", "--docs", BenchCli.TestData("tiny-qa", "docs"), "--questions", BenchCli.TestData("tiny-qa", "questions.jsonl"),
            "--k", "3", "--mode", "naive", "--json", json);

        Assert.True(exit == 0, error);
        // The hashing embedder (these tests pin it), whose default vector weight is 0.
        Assert.Contains("embeddings pharmarag-hashing-v1:384, vector weight 0 (rrf fusion)", BenchCli.Lines(output));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var set = report.RootElement.GetProperty("sets")[0];
        Assert.Equal("pharmarag-hashing-v1:384", set.GetProperty("embeddings").GetString());
        Assert.Equal(0, set.GetProperty("vector_weight").GetDouble());
    }

    [Fact]
    public async Task An_unknown_mode_is_refused_before_any_work()
    {
        var (exit, output, error) = await BenchCli.RunAsync(
            "qa", "--docs", BenchCli.TestData("tiny-qa", "docs"), "--questions", BenchCli.TestData("tiny-qa", "questions.jsonl"),
            "--mode", "telepathic");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown mode", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_question_scoped_to_an_unknown_document_is_an_input_error()
    {
        using var temp = new TempDirectory();
        var questions = Path.Combine(temp.Path, "questions.jsonl");
        await File.WriteAllTextAsync(questions, """{"id": "x", "doc": "missing.pdf", "question": "Dose?", "answers": ["1 mg"]}""");

        var (exit, _, error) = await BenchCli.RunAsync(
            "qa", "--docs", BenchCli.TestData("tiny-qa", "docs"), "--questions", questions);

        Assert.Equal(2, exit);
        Assert.Contains("missing.pdf", error);
    }
}
