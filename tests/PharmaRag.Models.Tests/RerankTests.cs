using System.Net.Http.Json;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>The optional rerank endpoint, against the fake server's Cohere-style /rerank.</summary>
public sealed class RerankTests
{
    private static readonly byte[] Pdf = TestPdf.Pages(
        ["Dosage: the dosage is 10 mg. Dosage adjustments follow the dosage table. Dosage notes."],
        ["Renal patients: reduce the dosage to 5 mg (reviewed guidance)."]);

    [Fact]
    public async Task The_reranker_reorders_search_results_and_a_failing_one_keeps_retrievals_order()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Relevance = (_, document) => document.Contains("reviewed guidance") ? 0.9 : 0.1;
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path,
            "--PharmaRag:Models:Chat=offline", "--PharmaRag:Models:Embeddings=offline",
            $"--PharmaRag:Models:RerankUrl={fake.BaseUrl}/rerank", "--PharmaRag:Models:RerankModel=rerank-test",
            $"--PharmaRag:Models:RerankApiKey={FakeOpenAIServer.ApiKey}", "--PharmaRag:Ingestion:ChunkTokens=32", "--PharmaRag:Ingestion:ChunkOverlapTokens=0");
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("label.pdf", Pdf));

        var hits = await server.Client.SearchAsync("dosage", topK: 2);

        Assert.Contains("reviewed guidance", (string)hits[0]!["text"]!);
        Assert.Equal(0.9, (double)hits[0]!["score"]!);
        var call = Assert.Single(fake.RerankCalls);
        Assert.Equal("dosage", (string)call.Body["query"]!);
        Assert.Equal("rerank-test", (string)call.Body["model"]!);
        Assert.Equal(2, (int)call.Body["top_n"]!);

        fake.FailNext(10, 500, pathEnding: "/rerank");
        var fallback = await server.Client.SearchAsync("dosage", topK: 2);
        Assert.Equal(2, fallback.Count);
        Assert.DoesNotContain("reviewed guidance", (string)fallback[0]!["text"]!);
    }
}
