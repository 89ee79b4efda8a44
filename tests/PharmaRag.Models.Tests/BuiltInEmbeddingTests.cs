using Microsoft.Extensions.AI;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Vectors;
using PharmaRag.Server.Terminal;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>The built-in neural embedding model (arctic-embed-xs from the package's weights), for real.</summary>
public sealed class BuiltInEmbeddingTests
{
    private static readonly Lazy<OnnxEmbeddingGenerator> Model = new(() => ArcticXsModel.Load(ArcticXsModel.Settings(512, 8, null)));

    [Fact]
    public async Task Queries_get_the_models_instruction_prefix_and_passages_none()
    {
        var model = Model.Value;
        const string question = "how cold should the medicine be kept";

        var asQuery = (await model.GenerateAsync([question], EmbeddingInput.QueryOptions()))[0].Vector.ToArray();
        var asPassage = (await model.GenerateAsync([question]))[0].Vector.ToArray();
        var throughEmbedder = (await new ChunkEmbedder(model).EmbedQueryAsync(question, CancellationToken.None)).ToArray();

        AssertClose(model.Embed(ArcticXsModel.QueryPrefix + question), asQuery);
        AssertClose(model.Embed(question), asPassage);
        AssertClose(asQuery, throughEmbedder);
        Assert.True(Dot(asQuery, asPassage) < 0.99f, "the prefix changes the query's vector");
    }

    [Fact]
    public async Task Texts_embedded_in_one_padded_batch_get_the_vectors_they_get_alone()
    {
        var model = Model.Value;
        string[] texts =
        [
            "Warfarin.",
            "Store below 25 °C in the original package to protect from moisture.",
            string.Join(' ', Enumerable.Repeat("Hepatic impairment increases exposure to the drug.", 12)),
        ];

        var together = await model.GenerateAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            AssertClose(model.Embed(texts[i]), together[i].Vector.ToArray());
        }
        Assert.Equal(384, together[0].Vector.Length);
        Assert.Equal("snowflake-arctic-embed-xs:384", new ChunkEmbedder(model).ModelSignature);
        Assert.False(new ChunkEmbedder(model).IsLexicalOnly);
    }

    [Fact]
    public async Task The_model_ranks_a_passage_by_meaning_not_by_shared_words()
    {
        var model = Model.Value;
        var query = (await model.GenerateAsync(["how cold should the medicine be kept"], EmbeddingInput.QueryOptions()))[0].Vector.ToArray();
        var fact = model.Embed("Keep the vial in a refrigerator at 2 to 8 degrees Celsius and do not freeze it.");
        var sharedWords = model.Embed("Cold symptoms were reported; the medicine should be taken as prescribed.");

        Assert.True(Dot(query, fact) > Dot(query, sharedWords), $"fact {Dot(query, fact):0.000}, shared words {Dot(query, sharedWords):0.000}");
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("corrupt")]
    [InlineData("not-the-package")]
    public void Missing_or_broken_weights_are_one_line_naming_the_setting_and_the_fix(string broken)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, ArcticXsModel.PackageFile);
        if (broken == "corrupt")
        {
            File.WriteAllBytes(path, File.ReadAllBytes(ArcticXsModel.DefaultPath).AsSpan(0, 4096).ToArray());
        }
        else if (broken == "not-the-package")
        {
            File.Copy(typeof(ArcticXsModel).Assembly.Location, path);
        }

        var error = Assert.Throws<EmbeddingModelUnavailableException>(() => ArcticXsModel.Load(ArcticXsModel.Settings(512, 8, null), path));
        var (line, exitCode) = TerminalError.Describe(error);

        Assert.DoesNotContain('\n', line);
        Assert.Contains("PharmaRag:Models:Embeddings", line);
        Assert.Contains("Embeddings=hashing", line);
        Assert.Contains(path, line);
        Assert.Equal(TerminalError.UsageExitCode, exitCode);
    }

    [Fact]
    public void Auto_chooses_arctic_xs_offline_and_hashing_or_offline_choose_the_lexical_embedder()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var noKey = OpenAIEndpoint.From(new ModelOptions(), configuration);
        var withKey = OpenAIEndpoint.From(new ModelOptions { ApiKey = "sk-test" }, configuration);

        var auto = ModelSelection.Choose(new ModelOptions(), noKey);
        Assert.Equal(ModelProvider.BuiltIn, auto.Embeddings);
        Assert.Contains("snowflake-arctic-embed-xs", auto.EmbeddingDescription);
        Assert.Equal(ModelProvider.BuiltIn, ModelSelection.Choose(new ModelOptions { Embeddings = "arctic-xs" }, noKey).Embeddings);
        Assert.Equal(ModelProvider.Offline, ModelSelection.Choose(new ModelOptions { Embeddings = "hashing" }, noKey).Embeddings);
        Assert.Equal(ModelProvider.Offline, ModelSelection.Choose(new ModelOptions { Embeddings = "offline" }, noKey).Embeddings);
        Assert.Equal(ModelProvider.OpenAI, ModelSelection.Choose(new ModelOptions(), withKey).Embeddings);
        Assert.Equal(ModelProvider.Onnx, ModelSelection.Choose(new ModelOptions { OnnxModelPath = "model.onnx" }, noKey).Embeddings);
    }

    [Fact]
    public async Task Over_http_a_paraphrase_finds_the_fact_with_the_default_arctic_xs_where_hashing_keywords_do_not()
    {
        const string question = "how cold should the medicine be kept";
        byte[][] documents =
        [
            TestPdf.Pages(["Keep the vial in a refrigerator at 2 to 8 degrees Celsius. Do not freeze. Protect from light."]),
            TestPdf.Pages(["Cold symptoms such as a runny nose were reported by 5% of patients in the trial."]),
            TestPdf.Pages(["The medicine should be taken with food. Swallow the tablet whole with water."]),
            TestPdf.Pages(["How to report side effects: contact your doctor or pharmacist."]),
        ];

        // The hashing embedder carries no meaning, so only keywords rank, and the fact shares no
        // word with the question.
        Assert.DoesNotContain(await SearchTextsAsync("hashing"), t => t.Contains("refrigerator", StringComparison.Ordinal));
        // The default (nothing configured), the built-in neural model: its vectors join the fusion.
        var found = await SearchTextsAsync(null);
        Assert.Contains(found, t => t.Contains("refrigerator", StringComparison.Ordinal));

        async Task<IReadOnlyList<string>> SearchTextsAsync(string? embeddings)
        {
            using var data = new TempDirectory();
            string[] settings = embeddings is null
                ? ["--PharmaRag:Models:Chat=offline"]
                : ["--PharmaRag:Models:Chat=offline", $"--PharmaRag:Models:Embeddings={embeddings}"];
            await using var server = await InProcessServer.StartAsync(data.Path, settings);
            for (var i = 0; i < documents.Length; i++)
            {
                var id = await server.Client.UploadAsync($"leaflet-{i}.pdf", documents[i]);
                Assert.Equal("processed", (string)(await server.Client.WaitForFinalStatusAsync(id, 120))["status"]!);
            }
            var hits = await server.Client.SearchAsync(question, topK: 3);
            return hits.Select(h => (string)h!["text"]!).ToArray();
        }
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b).Sum(p => p.First * p.Second);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(Dot(expected, actual) > 0.9999f, $"cosine {Dot(expected, actual)}");
    }
}
