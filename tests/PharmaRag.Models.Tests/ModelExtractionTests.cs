using PharmaRag.Core.Graph;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PharmaRag.Models.Tests;

/// <summary>Uploads are extracted into the graph by the chat model, and survive when the model misbehaves.</summary>
public sealed class ModelExtractionTests
{
    private static async Task<(string Status, IGraphStore Graph)> ProcessLabelAsync(InProcessServer server)
    {
        var id = await server.Client.UploadAsync("zentorix.pdf", PharmaModelReplies.Label());
        var document = await server.Client.WaitForFinalStatusAsync(id);
        return ((string)document["status"]!, server.Services.GetRequiredService<IGraphStore>());
    }

    [Fact]
    public async Task The_models_tuples_become_the_graph_with_brand_names_folded_into_the_generic_drug_and_gleaned_entities()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = PharmaModelReplies.Extraction;
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));

        var (status, graph) = await ProcessLabelAsync(server);

        Assert.Equal("processed", status);
        var drug = (await graph.SearchEntitiesAsync("ZENTORIX", 5, CancellationToken.None)).First();
        Assert.Equal("zentoramab", drug.Name);
        Assert.Equal(EntityType.Drug, drug.Type);
        Assert.Contains("ZNX-101", drug.Aliases);
        Assert.Contains("ZENTORIX", drug.Aliases, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("monoclonal antibody", drug.Description);
        var reaction = (await graph.SearchEntitiesAsync("glimmerfever", 5, CancellationToken.None)).Single();
        Assert.Equal(EntityType.AdverseReaction, reaction.Type);
        var relations = await graph.GetRelationsOfAsync([drug.Id], 10, CancellationToken.None);
        Assert.Contains(relations, r => r.Keywords.Contains("indication"));
        Assert.Contains(relations, r => r.Keywords.Contains("adverse reaction"));
        // The gleaning turn added what the first turn missed.
        Assert.Equal(EntityType.Gene, (await graph.SearchEntitiesAsync("CYP3A4", 5, CancellationToken.None)).Single().Type);
        Assert.Contains(fake.ChatCalls, c => c.Body["messages"]!.AsArray().Count == 4);
    }

    [Fact]
    public async Task Malformed_model_output_still_ends_with_the_document_processed_and_extracted_by_rules()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = _ => "Sure! The passage mentions a drug and a disease. Let me know if you need more.";
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));

        var (status, graph) = await ProcessLabelAsync(server);

        Assert.Equal("processed", status);
        var drug = (await graph.SearchEntitiesAsync("zentoramab", 5, CancellationToken.None)).First();
        Assert.Equal(EntityType.Drug, drug.Type);
        Assert.Contains("ZENTORIX", drug.Aliases);
        Assert.NotEmpty(fake.ChatCalls);
    }

    [Fact]
    public async Task A_failing_model_does_not_lose_the_document()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.FailNext(100, 500, pathEnding: "/chat/completions");
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path,
            fake.ServerArguments("--PharmaRag:Models:Embeddings=offline", "--PharmaRag:Models:MaxRetries=0"));

        var (status, graph) = await ProcessLabelAsync(server);

        Assert.Equal("processed", status);
        Assert.NotEmpty(await graph.SearchEntitiesAsync("zentoramab", 5, CancellationToken.None));
    }

    [Fact]
    public async Task A_rate_limited_extraction_is_retried_after_Retry_After_and_its_output_used()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = PharmaModelReplies.Extraction;
        fake.FailNext(1, 429, retryAfter: "1", pathEnding: "/chat/completions");
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path,
            fake.ServerArguments("--PharmaRag:Models:Embeddings=offline", "--PharmaRag:Models:MaxConcurrency=1"));

        var (status, graph) = await ProcessLabelAsync(server);

        Assert.Equal("processed", status);
        var calls = fake.ChatCalls.ToArray();
        Assert.Equal(429, calls[0].Status);
        Assert.Equal(200, calls[1].Status);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.95));
        Assert.Equal("plaque psoriasis", (await graph.SearchEntitiesAsync("psoriasis", 5, CancellationToken.None)).First().Name);
    }

    [Fact]
    public async Task Reprocessing_unchanged_chunks_makes_no_new_model_calls()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = PharmaModelReplies.Extraction;
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));
        await ProcessLabelAsync(server);
        var calls = fake.ChatCalls.Count();

        var response = await server.Client.PostAsync("/process",
            System.Net.Http.Json.JsonContent.Create(new { key = "uploads/zentorix.pdf", force = true }));
        Assert.True(response.IsSuccessStatusCode);
        var id = (string)(await response.JsonAsync())["document"]!["id"]!;
        await server.Client.WaitForFinalStatusAsync(id);
        await Task.Delay(200);

        Assert.Equal("processed", (string)(await server.Client.DocumentAsync(id))["status"]!);
        Assert.Equal(calls, fake.ChatCalls.Count());
    }
}
