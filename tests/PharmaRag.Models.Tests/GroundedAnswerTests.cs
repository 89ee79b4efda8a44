using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Models.Tests;

/// <summary>Generated answers cite [n]; the numbers resolve to document and page; streaming sends the same as events.</summary>
public sealed class GroundedAnswerTests
{
    private static async Task<(InProcessServer Server, string DocumentId)> StartWithLabelAsync(string data, params string[] args)
    {
        var server = await InProcessServer.StartAsync(data, args);
        var id = await server.Client.UploadAsync("zentorix.pdf", PharmaModelReplies.Label());
        Assert.Equal("processed", (string)(await server.Client.WaitForFinalStatusAsync(id))["status"]!);
        return (server, id);
    }

    [Fact]
    public async Task A_generated_answers_citations_map_to_the_document_and_page_and_unknown_numbers_are_dropped()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = PharmaModelReplies.Respond;
        using var data = new TempDirectory();
        var (server, id) = await StartWithLabelAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));
        await using var _ = server;

        var answer = await server.Client.AskAsync("What is the recommended dosage of ZENTORIX?");

        var text = (string)answer["answer"]!;
        Assert.StartsWith("The recommended dosage is 25 mg subcutaneously once weekly [1: zentorix.pdf, p. 3].", text);
        Assert.DoesNotContain("42", text);
        var citation = Assert.Single(answer["citations"]!.AsArray())!;
        Assert.Equal(id, (string)citation["document_id"]!);
        Assert.Equal(3, (int)citation["page"]!);
        Assert.Contains("25 mg", (string)citation["text"]!);
        var prompt = fake.ChatCalls.Last().Body["messages"]!.AsArray();
        Assert.Contains("(zentorix.pdf, p. 3)", (string)prompt[1]!["content"]!);
    }

    [Fact]
    public async Task When_no_passage_answers_the_model_says_so_and_so_does_the_answer()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = request => PharmaModelReplies.IsExtraction(request) ? PharmaModelReplies.Extraction(request) : "NO_ANSWER";
        using var data = new TempDirectory();
        var (server, _) = await StartWithLabelAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));
        await using var _s = server;

        var answer = await server.Client.AskAsync("Is ZENTORIX approved for migraine?");

        Assert.StartsWith("No passage", (string)answer["answer"]!);
        Assert.Empty(answer["citations"]!.AsArray());
    }

    [Fact]
    public async Task A_failing_chat_model_falls_back_to_the_extractive_answer()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = PharmaModelReplies.Respond;
        using var data = new TempDirectory();
        var (server, _) = await StartWithLabelAsync(data.Path,
            fake.ServerArguments("--PharmaRag:Models:Embeddings=offline", "--PharmaRag:Models:MaxRetries=0"));
        await using var _s = server;
        fake.FailNext(10, 500, pathEnding: "/chat/completions");

        var answer = await server.Client.AskAsync("What is the recommended dosage of ZENTORIX?");

        Assert.Contains("25 mg subcutaneously once weekly. [1: zentorix.pdf, p. 3]", (string)answer["answer"]!);
    }

    [Fact]
    public async Task The_streamed_answer_sends_the_numbered_passages_the_text_as_generated_and_the_resolved_answer()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Chat = PharmaModelReplies.Respond;
        using var data = new TempDirectory();
        var (server, id) = await StartWithLabelAsync(data.Path, fake.ServerArguments("--PharmaRag:Models:Embeddings=offline"));
        await using var _ = server;

        var events = await StreamAsync(server, "/rag-query/stream", "What is the recommended dosage of ZENTORIX?");

        Assert.Equal("citations", events[0].Event);
        Assert.Equal("done", events[^1].Event);
        var deltas = events.Where(e => e.Event == "delta").ToArray();
        Assert.True(deltas.Length > 3, "the text arrives in pieces");
        var streamed = string.Concat(deltas.Select(d => (string)d.Data["text"]!));
        var number = System.Text.RegularExpressions.Regex.Match(streamed, @"\[(\d+)\]").Groups[1].Value;
        var passage = events[0].Data["citations"]!.AsArray().Single(c => (int)c!["number"]! == int.Parse(number))!;
        Assert.Equal(3, (int)passage["page"]!);
        Assert.Equal(id, (string)passage["document_id"]!);
        var done = events[^1].Data;
        Assert.StartsWith("The recommended dosage is 25 mg subcutaneously once weekly [1: zentorix.pdf, p. 3].", (string)done["answer"]!);
        Assert.Equal(3, (int)done["citations"]![0]!["page"]!);
        Assert.True((bool)fake.ChatCalls.Last().Body["stream"]!);
    }

    [Fact]
    public async Task Without_a_chat_model_the_stream_carries_the_extractive_answer_as_one_delta()
    {
        using var data = new TempDirectory();
        var (server, _) = await StartWithLabelAsync(data.Path);
        await using var _s = server;

        var events = await StreamAsync(server, "/query/stream", "What is the recommended dosage of ZENTORIX?");

        Assert.Equal(["citations", "delta", "done"], events.Select(e => e.Event));
        Assert.Equal((string)events[1].Data["text"]!, (string)events[2].Data["answer"]!);
        Assert.Contains("25 mg", (string)events[2].Data["answer"]!);
        Assert.Equal(3, (int)events[0].Data["citations"]![0]!["page"]!);
    }

    [Fact]
    public async Task An_invalid_streaming_request_is_a_validation_problem()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.PostAsJsonAsync("/rag-query/stream", new { query = "", mode = "sideways" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.NotNull(problem["errors"]!["query"]);
        Assert.NotNull(problem["errors"]!["mode"]);
    }

    private static async Task<List<(string Event, JsonObject Data)>> StreamAsync(InProcessServer server, string path, string question)
    {
        var response = await server.Client.PostAsJsonAsync(path, new { query = question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = new List<(string, JsonObject)>();
        string? name = null;
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((name ?? "message", JsonNode.Parse(line["data: ".Length..])!.AsObject()));
                name = null;
            }
        }
        return events;
    }
}
