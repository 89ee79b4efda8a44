using System.Net;
using System.Net.Http.Json;
using PharmaRag.Models.Tests.Fakes;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// A `pharmarag serve` process in OpenAI-compatible mode against the fake model server, exporting
/// to a fake OTLP collector: one document ingested (embeddings, LLM extraction) and one question
/// answered (query embedding, grounded answer).
/// </summary>
internal sealed class ModelTracingRun : IAsyncDisposable
{
    public const string QuestionMarker = "zebracornquestion";
    public const string ReplyMarker = "quokkareply";

    private readonly TempDirectory _data;
    private readonly ServerProcess _server;

    private ModelTracingRun(TempDirectory data, FakeOtlpReceiver collector, FakeOpenAIServer models, ServerProcess server)
    {
        _data = data;
        Collector = collector;
        Models = models;
        _server = server;
    }

    public FakeOtlpReceiver Collector { get; }

    public FakeOpenAIServer Models { get; }

    public static async Task<ModelTracingRun> StartAsync(bool recordContent)
    {
        var data = new TempDirectory();
        var collector = FakeOtlpReceiver.Start();
        var models = await FakeOpenAIServer.StartAsync();
        models.Chat = _ => $"The study drug was given once daily, {ReplyMarker} [1].";
        var environment = new Dictionary<string, string>
        {
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200", ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OPENAI_API_KEY"] = FakeOpenAIServer.ApiKey, ["OPENAI_BASE_URL"] = models.BaseUrl.ToString(),
        };
        var server = await ServerProcess.StartAsync(data.Path, environment,
            "--PharmaRag:Models:Chat=openai", "--PharmaRag:Models:Embeddings=openai",
            $"--PharmaRag:Telemetry:OtlpEndpoint={collector.BaseUrl}",
            $"--PharmaRag:Telemetry:RecordModelContent={recordContent}",
            "--PharmaRag:Models:ChatModel=telemetry-chat-model",
            "--PharmaRag:Models:EmbeddingModel=telemetry-embedding-model");
        var run = new ModelTracingRun(data, collector, models, server);
        var id = await server.Client.UploadAsync("traced.pdf", TestPdf.Numbered(3, "rivaroxaban"));
        Assert.Equal("processed", (string?)(await server.Client.WaitForFinalStatusAsync(id, 120))["status"]);
        var answer = await server.Client.PostAsJsonAsync("/rag-query", new { query = $"How was the study drug given ({QuestionMarker})?", mode = "naive" });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(ReplyMarker, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return run;
    }

    public async Task WaitForTracesAsync(params string[] texts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!texts.All(t => Collector.Received("/v1/traces", t)))
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"missing in exported spans: [{string.Join(", ", texts.Where(t => !Collector.Received("/v1/traces", t)))}]");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await Models.DisposeAsync();
        await Collector.DisposeAsync();
        _data.Dispose();
    }
}
