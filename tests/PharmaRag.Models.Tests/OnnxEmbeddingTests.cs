using Microsoft.Extensions.AI;
using PharmaRag.Core.Ingestion;
using PharmaRag.Models.Tests.Onnx;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>The local ONNX embedder, on a tiny model the test writes itself.</summary>
public sealed class OnnxEmbeddingTests
{
    [Fact]
    public void A_text_becomes_the_normalised_mean_of_its_WordPiece_token_vectors()
    {
        using var dir = new TempDirectory();
        var (model, vocab) = TinyBertModel.Write(dir.Path);
        using var embedder = new OnnxEmbeddingGenerator(model, vocab);

        var vector = embedder.Embed("Warfarin increases the risks");

        // [CLS] warfarin increases the risk ##s [SEP]
        int[] tokens = [2, 5, 11, 9, 7, 12, 3];
        var expected = Enumerable.Range(0, TinyBertModel.Hidden).Select(d => (float)tokens.Average(t => TinyBertModel.Weight(t, d))).ToArray();
        var norm = MathF.Sqrt(expected.Sum(v => v * v));
        Assert.Equal(TinyBertModel.Hidden, vector.Length);
        for (var d = 0; d < vector.Length; d++)
        {
            Assert.Equal(expected[d] / norm, vector[d], 5);
        }
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.Equal("tiny-bert", metadata.DefaultModelId);
        Assert.Equal(TinyBertModel.Hidden, metadata.DefaultModelDimensions);
    }

    [Fact]
    public async Task In_a_padded_batch_each_text_is_the_mean_of_its_own_tokens_only()
    {
        using var dir = new TempDirectory();
        var (model, vocab) = TinyBertModel.Write(dir.Path);
        using var embedder = new OnnxEmbeddingGenerator(model, vocab, new OnnxEmbeddingSettings { ModelName = "tiny-bert", BatchSize = 4, Threads = 1 });
        string[] texts = ["Warfarin increases the risks", "warfarin", "the risks"];

        var together = await embedder.GenerateAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = embedder.Embed(texts[i]);
            for (var d = 0; d < alone.Length; d++)
            {
                Assert.Equal(alone[d], together[i].Vector.Span[d], 5);
            }
        }
    }

    [Fact]
    public void Unknown_words_and_long_texts_are_handled()
    {
        using var dir = new TempDirectory();
        var (model, vocab) = TinyBertModel.Write(dir.Path);
        using var embedder = new OnnxEmbeddingGenerator(model, vocab, maxTokens: 16);

        var unknown = embedder.Embed("xylophone");
        var longText = embedder.Embed(string.Join(' ', Enumerable.Repeat("warfarin dose", 500)));

        Assert.Equal(1, MathF.Sqrt(unknown.Sum(v => v * v)), 4);
        Assert.Equal(1, MathF.Sqrt(longText.Sum(v => v * v)), 4);
    }

    [Fact]
    public async Task Configured_by_path_the_server_indexes_with_the_onnx_model_and_records_it()
    {
        using var files = new TempDirectory();
        var (model, vocab) = TinyBertModel.Write(files.Path);
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path,
            $"--PharmaRag:Models:OnnxModelPath={model}", $"--PharmaRag:Models:OnnxVocabPath={vocab}");

        var id = await server.Client.UploadAsync("note.pdf", TestPdf.Numbered(2, "warfarin"));
        var document = await server.Client.WaitForFinalStatusAsync(id);

        Assert.Equal("processed", (string)document["status"]!);
        Assert.Equal("tiny-bert:8", ((ChunkEmbedder)server.Services.GetService(typeof(ChunkEmbedder))!).ModelSignature);
        Assert.IsType<OnnxEmbeddingGenerator>(server.Services.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>)));
        Assert.NotEmpty(await server.Client.SearchAsync("warfarin"));
    }
}
