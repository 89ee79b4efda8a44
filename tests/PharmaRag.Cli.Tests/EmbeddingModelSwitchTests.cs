using PharmaRag.Testing;

namespace PharmaRag.Cli.Tests;

/// <summary>Switching between the hashing embedder and the built-in neural model on an indexed data directory.</summary>
public sealed class EmbeddingModelSwitchTests
{
    private static readonly Dictionary<string, string> BuiltIn = new() { ["PharmaRag__Models__Embeddings"] = "arctic-xs" };

    [Fact]
    public async Task Reindex_switches_the_index_between_the_hashing_embedder_and_the_built_in_model()
    {
        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "data");
        var pdf = Path.Combine(work.Path, "leaflet.pdf");
        await File.WriteAllBytesAsync(pdf, TestPdf.Pages(
            ["Keep the vial in a refrigerator at 2 to 8 degrees Celsius. Do not freeze."],
            ["Cold symptoms such as a runny nose were reported by 5% of patients."]));
        var ingest = await CliProcess.RunAsync(["ingest", pdf, "--data", data]);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        // Built with the hashing embedder: the built-in model is refused until the index is rebuilt.
        var refused = await CliProcess.RunAsync(["query", "how cold should the medicine be kept", "--data", data, "--mode", "naive"], BuiltIn);
        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.ErrorLines);
        Assert.Contains("pharmarag-hashing-v1", line);
        Assert.Contains("snowflake-arctic-embed-xs:384", line);
        Assert.Contains("pharmarag reindex", line);
        Assert.Contains("PharmaRag:Models:Embeddings", line);

        var reindex = await CliProcess.RunAsync(["reindex", "--data", data], BuiltIn);
        Assert.True(reindex.ExitCode == 0, reindex.ToString());
        Assert.Contains("with snowflake-arctic-embed-xs:384", reindex.Output);

        var answered = await CliProcess.RunAsync(["query", "how cold should the medicine be kept", "--data", data, "--mode", "naive"], BuiltIn);
        Assert.True(answered.ExitCode == 0, answered.ToString());

        // And back: the hashing embedder is now the one refused.
        var back = await CliProcess.RunAsync(["query", "how cold should the medicine be kept", "--data", data]);
        Assert.Equal(1, back.ExitCode);
        Assert.Contains("built with embedding model snowflake-arctic-embed-xs:384", Assert.Single(back.ErrorLines));
    }

    [Fact]
    public async Task A_directory_indexed_by_the_hashing_embedder_opened_with_the_default_names_both_fixes_in_one_line()
    {
        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "data");
        var pdf = Path.Combine(work.Path, "leaflet.pdf");
        await File.WriteAllBytesAsync(pdf, TestPdf.Pages(["Store the Quelvanir pen below 25 degrees Celsius."]));
        var ingest = await CliProcess.RunAsync(["ingest", pdf, "--data", data]);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        // The default (auto, no key, no ONNX model): the built-in model, which did not build this index.
        var opened = await CliProcess.RunAsync(
            ["query", "How should the pen be stored?", "--data", data, "--mode", "naive"],
            new Dictionary<string, string> { [TestModels.HashingEmbeddingsVariable.Key] = "auto" });

        Assert.Equal(1, opened.ExitCode);
        var line = Assert.Single(opened.ErrorLines);
        Assert.Contains("built with embedding model pharmarag-hashing-v1", line);
        Assert.Contains("pharmarag reindex", line);
        Assert.Contains("PharmaRag:Models:Embeddings=hashing", line);
    }
}
