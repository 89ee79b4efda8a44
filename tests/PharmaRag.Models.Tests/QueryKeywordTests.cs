using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Core.Retrieval;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>With a chat model, graph retrieval searches with the model's keywords (LightRAG's low/high-level split).</summary>
public sealed class QueryKeywordTests
{
    private const string Question = "What rare reaction does the psoriasis antibody cause?";

    [Fact]
    public async Task Local_mode_finds_entities_the_model_names_and_falls_back_to_the_question_on_unreadable_keywords()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        var readableKeywords = true;
        fake.Chat = request =>
            request.System.Contains("search keywords", StringComparison.Ordinal)
                ? readableKeywords
                    ? """{"high_level_keywords": ["adverse reaction"], "low_level_keywords": ["glimmerfever"]}"""
                    : "Sorry, I cannot help with that."
            : PharmaModelReplies.IsExtraction(request) ? PharmaModelReplies.Extraction(request)
            : "The passage says so [1].";
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));
        await server.Client.WaitForFinalStatusAsync(await server.Client.UploadAsync("zentorix.pdf", PharmaModelReplies.Label()));

        var withKeywords = await AskLocalAsync(server, Question);
        readableKeywords = false;
        var fallback = await AskLocalAsync(server, Question.TrimEnd('?'));

        Assert.Contains(fake.ChatCalls, c => c.Body.ToJsonString().Contains("search keywords", StringComparison.Ordinal));
        var cited = withKeywords["citations"]!.AsArray()[0]!;
        Assert.Contains("glimmerfever", (string)cited["text"]!);
        Assert.Equal(2, (int)cited["page"]!);
        Assert.DoesNotContain("glimmerfever", (string)fallback["citations"]!.AsArray()[0]!["text"]!);
    }

    [Theory]
    [InlineData("""{"high_level_keywords": ["interaction"], "low_level_keywords": ["warfarin", "CYP2C9"]}""", "interaction", "warfarin, CYP2C9")]
    [InlineData("Here you go:\n```json\n{\"low_level_keywords\": [\"remdesivir\"]}\n```", "remdesivir", "remdesivir")]
    public void Keywords_are_read_from_json_even_with_text_around_it(string reply, string high, string low)
    {
        var keywords = QueryKeywordExtractor.Parse(reply)!;

        Assert.Equal(high, keywords.HighLevelText);
        Assert.Equal(low, keywords.LowLevelText);
        Assert.Null(QueryKeywordExtractor.Parse("no json here"));
        Assert.Null(QueryKeywordExtractor.Parse("""{"high_level_keywords": []}"""));
    }

    private static async Task<JsonObject> AskLocalAsync(InProcessServer server, string question)
    {
        var response = await server.Client.PostAsJsonAsync("/rag-query", new { query = question, mode = "local" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync());
    }
}
