using Microsoft.Extensions.AI;
using PharmaRag.Core.Ingestion;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>Which model serves what: offline with nothing configured, the OpenAI-compatible server with a key.</summary>
public sealed class ProviderSelectionTests
{
    [Fact]
    public async Task Without_a_key_chat_is_absent_and_embeddings_are_the_built_in_neural_model()
    {
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path);

        Assert.Null(host.Find<IChatClient>());
        var embeddings = Assert.IsType<OnnxEmbeddingGenerator>(host.Get<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(ArcticXsModel.ModelId, embeddings.Settings.ModelName);
        Assert.Equal(ModelProvider.BuiltIn, host.Get<ModelSelection>().Embeddings);
        Assert.False(host.Get<ModelSelection>().HasChat);
    }

    [Fact]
    public async Task With_nothing_set_health_names_the_built_in_model()
    {
        using var data = new TempDirectory();
        // Only chat is named (a Models setting, so the test host adds no hashing embedder of its own).
        await using var server = await InProcessServer.StartAsync(data.Path, "--PharmaRag:Models:Chat=offline");

        var models = (string)(await (await server.Client.GetAsync("/health")).JsonAsync())["components"]!["models"]!["detail"]!;

        Assert.Contains($"embeddings: built-in {ArcticXsModel.ModelId} (arctic-xs, offline)", models);
    }

    [Fact]
    public async Task Embeddings_hashing_serves_the_lexical_embedder()
    {
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, "--PharmaRag:Models:Embeddings=hashing");

        Assert.IsType<HashingEmbeddingGenerator>(host.Get<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(ModelProvider.Offline, host.Get<ModelSelection>().Embeddings);
    }

    [Fact]
    public async Task Embeddings_arctic_xs_serves_the_built_in_neural_model()
    {
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, "--PharmaRag:Models:Embeddings=arctic-xs");

        var embeddings = Assert.IsType<OnnxEmbeddingGenerator>(host.Get<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(ArcticXsModel.ModelId, embeddings.Settings.ModelName);
        Assert.Equal(ModelProvider.BuiltIn, host.Get<ModelSelection>().Embeddings);
        Assert.Equal("snowflake-arctic-embed-xs:384", host.Get<ChunkEmbedder>().ModelSignature);
    }

    [Fact]
    public async Task With_a_key_chat_and_embeddings_call_the_configured_server_with_the_configured_models()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = _ => "Hello from the fake.";
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments(
            "--PharmaRag:Models:ChatModel=fake-chat", "--PharmaRag:Models:EmbeddingModel=fake-embed", "--PharmaRag:Models:EmbeddingDimensions=32"));

        var reply = await host.Get<IChatClient>().GetResponseAsync("Say hello.");
        var vectors = await host.Get<ChunkEmbedder>().EmbedQueryAsync("warfarin bleeding", CancellationToken.None);

        Assert.Equal("Hello from the fake.", reply.Text);
        Assert.Equal(32, vectors.Length);
        Assert.Equal("fake-chat", (string)fake.ChatCalls.Single().Body["model"]!);
        Assert.Equal("fake-embed", (string)fake.EmbeddingCalls.Single().Body["model"]!);
        Assert.Equal("fake-embed:32", host.Get<ChunkEmbedder>().ModelSignature);
        Assert.Equal(ModelProvider.OpenAI, host.Get<ModelSelection>().Embeddings);
    }

    [Fact]
    public async Task Settings_choose_offline_embeddings_while_chat_uses_the_server()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        using var data = new TempDirectory();
        await using var host = await ModelHost.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));

        Assert.NotNull(host.Find<IChatClient>());
        Assert.IsType<HashingEmbeddingGenerator>(host.Get<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task Switching_the_embedding_model_on_an_indexed_directory_names_the_reindex_command()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        using var data = new TempDirectory();
        await using (var server = await InProcessServer.StartAsync(data.Path))
        {
            var id = await server.Client.UploadAsync("note.pdf", TestPdf.Numbered(1));
            await server.Client.WaitForFinalStatusAsync(id);
        }

        var error = await Assert.ThrowsAsync<PharmaRag.Core.Ingestion.EmbeddingModelMismatchException>(() => ModelHost.StartAsync(data.Path, fake.ServerArguments()));

        Assert.Contains("pharmarag reindex", error.Message);
        Assert.Contains("text-embedding-3-small", error.Message);
    }
}
