using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PharmaRag.Server.Tests;
using PharmaRag.Testing;

namespace PharmaRag.Gateway.Tests;

/// <summary>
/// The web page's routes through the gateway (ECS compute, as deployed) to a real server over
/// real HTTP: the streamed answer, the graph, a document's file and its deletion.
/// </summary>
public sealed class GatewayPassThroughTests
{
    private static readonly byte[] Label = TestPdf.Pages(
        ["HIGHLIGHTS OF PRESCRIBING INFORMATION", "VEKLURY (remdesivir) for injection, for intravenous use.",
         "1 INDICATIONS AND USAGE", "VEKLURY is indicated for the treatment of COVID-19 in adults."],
        ["6 ADVERSE REACTIONS", "The most common adverse reactions were nausea and elevated transaminases.",
         "7 DRUG INTERACTIONS", "Coadministration with chloroquine is not recommended."]);

    [Fact]
    public async Task Stream_graph_file_and_delete_reach_a_real_server_through_the_gateway_with_its_answers_unchanged()
    {
        using var data = new TempDirectory();
        await using var aws = await FakeAws.StartAsync();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var id = await server.Client.UploadAsync("veklury.pdf", Label);
        await server.Client.WaitForFinalStatusAsync(id);
        using var gatewayData = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(gatewayData.Path, EcsSettings.For(aws, server.Client.BaseAddress!));

        // The streamed answer: the same events as the server's own stream, in order.
        var question = new { query = "What is VEKLURY indicated for?", mode = "naive" };
        using var streamed = await gateway.Client.PostAsJsonAsync("/rag-query/stream", question);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType!.MediaType);
        var events = ParseEvents(await streamed.Content.ReadAsStringAsync());
        var direct = ParseEvents(await (await server.Client.PostAsJsonAsync("/rag-query/stream", question)).Content.ReadAsStringAsync());
        Assert.Equal(direct.Select(e => e.Name), events.Select(e => e.Name));
        Assert.Equal("citations", events[0].Name);
        Assert.Equal("done", events[^1].Name);
        var done = JsonNode.Parse(events[^1].Data)!;
        Assert.Contains("COVID-19", (string)done["answer"]!);
        Assert.Equal((string)JsonNode.Parse(direct[^1].Data)!["answer"]!, (string)done["answer"]!);
        Assert.Equal(events[0].Data, direct[0].Data);
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.Client.PostAsJsonAsync("/rag-query/stream", new { query = "" })).StatusCode);

        // The graph: entity search, the neighbourhood, the chunks behind an entity; errors pass through as they are.
        var entities = await gateway.Client.GetStringAsync("/graph/entities?search=VEKLURY&limit=5");
        Assert.Equal(await server.Client.GetStringAsync("/graph/entities?search=VEKLURY&limit=5"), entities);
        Assert.Equal("remdesivir", (string)JsonNode.Parse(entities)![0]!["id"]!);
        var subgraph = (await gateway.Client.GetFromJsonAsync<JsonObject>("/graph?label=remdesivir&depth=1&max_nodes=20"))!;
        Assert.Contains("nausea", subgraph["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
        var chunks = await gateway.Client.GetStringAsync("/graph/entities/remdesivir/chunks?limit=20");
        Assert.Equal(await server.Client.GetStringAsync("/graph/entities/remdesivir/chunks?limit=20"), chunks);
        Assert.Contains("veklury.pdf", chunks);
        var badDepth = await gateway.Client.GetAsync("/graph?label=remdesivir&depth=9");
        Assert.Equal(HttpStatusCode.BadRequest, badDepth.StatusCode);
        Assert.Equal("application/problem+json", badDepth.Content.Headers.ContentType!.MediaType);

        // The original file, inline, byte for byte.
        using var file = await gateway.Client.GetAsync($"/documents/{id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Label.Length, file.Content.Headers.ContentLength);
        Assert.Equal(Label, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync($"/documents/{new string('0', 64)}/file")).StatusCode);

        // Deletion through the gateway: gone from the server.
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Client.DeleteAsync($"/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync($"/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/documents/{id}")).StatusCode);
        Assert.Empty(aws.Rejections);
    }

    [Fact]
    public async Task A_streamed_answer_reaches_the_client_event_by_event_and_compute_sees_the_callers_authorization()
    {
        // Compute that sends the first event and then holds the stream open until the test lets it
        // finish: the client can only see that event before the end if nothing buffers it.
        await using var compute = await HeldStreamCompute.StartAsync();
        await using var aws = await FakeAws.StartAsync();
        using var gatewayData = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(gatewayData.Path, EcsSettings.For(aws, compute.Address));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/rag-query/stream")
        {
            Content = new StringContent("""{"query":"dose"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token-of-the-caller");
        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: citations", await reader.ReadLineAsync());
        Assert.Equal("""data: {"citations":[]}""", await reader.ReadLineAsync());
        Assert.False(compute.Released.Task.IsCompleted); // the rest of the answer does not exist yet

        compute.Released.SetResult();
        Assert.Equal("", await reader.ReadLineAsync());
        Assert.Equal("event: done", await reader.ReadLineAsync());
        Assert.Equal("""data: {"answer":"40 mg"}""", await reader.ReadLineAsync());

        // Every pass-through route keeps the caller's Authorization and workspace, method, path and query.
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/documents/abc?purge_object=true");
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token-of-the-caller");
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Client.SendAsync(delete)).StatusCode);
        using var chunks = new HttpRequestMessage(HttpMethod.Get, "/graph/entities/remdesivir/chunks?limit=3");
        chunks.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token-of-the-caller");
        chunks.Headers.Add("X-Workspace", "clinical");
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Client.SendAsync(chunks)).StatusCode);
        Assert.Equal(
            ["POST /rag-query/stream Bearer token-of-the-caller", "DELETE /documents/abc?purge_object=true Bearer token-of-the-caller",
             "GET /graph/entities/remdesivir/chunks?limit=3 Bearer token-of-the-caller clinical"],
            compute.Requests.ToArray());
    }

    private static List<(string Name, string Data)> ParseEvents(string text) =>
        text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => (
                lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..] ?? "message",
                string.Join('\n', lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]))))
            .ToList();

    /// <summary>An HTTP endpoint standing in for compute whose answer stream the test holds open.</summary>
    private sealed class HeldStreamCompute : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private HeldStreamCompute(WebApplication app) => _app = app;

        public Uri Address { get; private set; } = null!;

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Requests { get; } = new();

        public static async Task<HeldStreamCompute> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var app = builder.Build();
            var compute = new HeldStreamCompute(app);
            app.MapPost("/rag-query/stream", async context =>
            {
                compute.Record(context);
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("event: citations\ndata: {\"citations\":[]}\n\n");
                await context.Response.Body.FlushAsync();
                await compute.Released.Task.WaitAsync(TimeSpan.FromSeconds(60));
                await context.Response.WriteAsync("event: done\ndata: {\"answer\":\"40 mg\"}\n\n");
            });
            // Not healthy to the gateway's idle check, which therefore leaves it alone.
            app.MapGet("/health", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
            app.MapFallback(context =>
            {
                compute.Record(context);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            });
            await app.StartAsync();
            compute.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            return compute;
        }

        private void Record(HttpContext context) =>
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Request.Headers.Authorization}"
                + (context.Request.Headers.TryGetValue("X-Workspace", out var workspace) ? $" {workspace}" : ""));

        public async ValueTask DisposeAsync()
        {
            Released.TrySetResult();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
