using System.Text.Json;
using PharmaRag.Testing;

namespace PharmaRag.Bench.Tests;

public sealed class BenchDatasetsCommandTests
{
    [Fact]
    public async Task Every_set_is_read_in_its_own_format_and_measured_with_the_baseline()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "bench");
        CopyDirectory(BenchCli.TestData("tiny-bench"), data);
        WritePdfs(data);
        var json = Path.Combine(temp.Path, "datasets.json");

        var (exit, output, error) = await BenchCli.RunAsync("datasets", "--data", data, "--json", json);

        Assert.True(exit == 0, error);
        var lines = BenchCli.Lines(output);
        foreach (var set in new[] { "remdesivir", "covidqa", "scifact", "pubmedqa", "bioasq" })
        {
            Assert.Contains(lines, l => l.StartsWith($"| {set} | naive |", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith($"| {set} | bm25-baseline |", StringComparison.Ordinal));
        }

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var sets = report.RootElement.GetProperty("sets").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.All(sets.Values, s => Assert.Equal(0, s.GetProperty("failed_documents").GetInt32()));
        Assert.Equal(2, sets["remdesivir"].GetProperty("documents").GetInt32()); // every PDF under pdfs/
        Assert.Equal(3, sets["remdesivir"].GetProperty("pages").GetInt32());
        Assert.Equal("pages/s", sets["remdesivir"].GetProperty("throughput_unit").GetString());
        Assert.Equal(3, sets["scifact"].GetProperty("questions").GetInt32()); // the claim without qrels is not asked
        Assert.Equal(2, sets["pubmedqa"].GetProperty("questions").GetInt32()); // the test split only
        Assert.Equal(3, sets["bioasq"].GetProperty("documents").GetInt32()); // a snippet two questions share is one document

        foreach (var mode in new[] { "naive", "bm25-baseline" })
        {
            Assert.Equal(1.0, Metric(sets["remdesivir"], mode, "recall@10"));
            Assert.Equal(1.0, Metric(sets["covidqa"], mode, "recall@10"));
            Assert.Equal(1.0, Metric(sets["scifact"], mode, "ndcg@10"));
            Assert.Equal(1.0, Metric(sets["pubmedqa"], mode, "recall@1"));
            Assert.Equal(1.0, Metric(sets["bioasq"], mode, "recall@10"));
        }
        // Answer sets report the share of golds found in any chunk of their scope, the recall ceiling; document sets do not.
        Assert.Equal(1.0, sets["remdesivir"].GetProperty("gold_in_any_chunk").GetDouble());
        Assert.Equal(1.0, sets["covidqa"].GetProperty("gold_in_any_chunk").GetDouble());
        Assert.Equal(JsonValueKind.Null, sets["scifact"].GetProperty("gold_in_any_chunk").ValueKind);
        Assert.Equal(1.0, sets["remdesivir"].GetProperty("gold_in_reference_text").GetDouble()); // pdftotext of the scoped PDF
        Assert.Equal(1.0, sets["covidqa"].GetProperty("gold_in_reference_text").GetDouble());
        Assert.Contains(lines, l => l.Contains("gold in any chunk (ceiling)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_quick_run_says_so_and_an_unknown_set_is_refused()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "bench");
        CopyDirectory(BenchCli.TestData("tiny-bench"), data);

        var (exit, output, error) = await BenchCli.RunAsync(
            "datasets", "--data", data, "--sets", "scifact", "--quick", "--json", Path.Combine(temp.Path, "q.json"));
        Assert.True(exit == 0, error);
        Assert.Contains("QUICK RUN", output);

        var (unknownExit, _, unknownError) = await BenchCli.RunAsync("datasets", "--data", data, "--sets", "scifact,nope");
        Assert.Equal(2, unknownExit);
        Assert.Contains("nope", unknownError);
    }

    private static double Metric(JsonElement set, string mode, string metric) =>
        set.GetProperty("modes").EnumerateArray().Single(m => m.GetProperty("mode").GetString() == mode)
            .GetProperty("metrics").GetProperty(metric).GetDouble();

    // The label set needs a PDF at the path of the real one; a generated stand-in says what the questions ask.
    private static void WritePdfs(string data)
    {
        Directory.CreateDirectory(Path.Combine(data, "pdfs", "labels"));
        Directory.CreateDirectory(Path.Combine(data, "pdfs", "papers"));
        File.WriteAllBytes(Path.Combine(data, "pdfs", "labels", "PDF Oct 2020 Remdesivir.pdf"), TestPdf.Pages(
            ["VEKLURY (remdesivir) for injection: test label.", "Adults receive a single loading dose of 200 mg on day 1.", "Then 100 mg once daily."],
            ["Storage: store vials at room temperature below 30 degrees.", "Do not freeze the vials."]));
        File.WriteAllBytes(Path.Combine(data, "pdfs", "papers", "review.pdf"), TestPdf.Numbered(1, "review"));
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
