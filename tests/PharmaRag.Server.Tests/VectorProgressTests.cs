using System.Text.Json.Nodes;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>Vectors come in the background: a document is searchable before, and /health shows how far they are.</summary>
public sealed class VectorProgressTests
{
    [Fact]
    public async Task While_the_embedding_step_waits_the_document_is_processed_and_health_shows_the_vector_progress()
    {
        using var data = new TempDirectory();
        await using var model = StalledModelServer.Start();
        // Embeddings from a model server that never answers: the embedding step stays running.
        await using var server = await InProcessServer.StartAsync(data.Path,
            "--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=openai", $"--PharmaRag:Models:BaseUrl={model.BaseUrl}",
            "--PharmaRag:Models:ApiKey=test-key", "--PharmaRag:Models:MaxRetries=0");

        var id = await server.Client.UploadAsync("label.pdf", TestPdf.Numbered(3, "apixaban"));
        JsonObject document;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the embedding step never called the model");
            await Task.Delay(100);
            document = await server.Client.DocumentAsync(id);
        }
        while (model.Requests == 0);

        Assert.Equal("processed", (string)document["status"]!);
        Assert.Contains("embedding", document["pending_steps"]!.AsArray().Select(s => (string)s!));
        var jobs = (await (await server.Client.GetAsync("/health")).JsonAsync())["jobs"]!;
        Assert.Equal(1, (int)jobs["pending"]!);
        var vectors = jobs["vectors"]!;
        Assert.Equal((int)document["chunks"]!, (int)vectors["chunks"]!);
        Assert.True((int)vectors["chunks"]! > 0);
        Assert.Equal(0, (int)vectors["embedded"]!);
        Assert.Equal(1, (int)vectors["documents_waiting"]!);
        Assert.Equal("text-embedding-3-small:?", (string)vectors["model"]!);
    }
}
