using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// Traces and metrics reach an OTLP collector over HTTP when one is configured, and nothing is
/// collected when none is.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Spans_and_metrics_of_http_ingestion_and_queries_are_exported_to_the_configured_collector()
    {
        using var data = new TempDirectory();
        await using var collector = FakeOtlpReceiver.Start();
        // Export often, so the test need not wait for the default 5 s (spans) and 60 s (metrics).
        var environment = new Dictionary<string, string> { ["OTEL_BSP_SCHEDULE_DELAY"] = "200", ["OTEL_METRIC_EXPORT_INTERVAL"] = "500" };
        await using var server = await ServerProcess.StartAsync(data.Path, environment, $"--PharmaRag:Telemetry:OtlpEndpoint={collector.BaseUrl}");

        var id = await server.Client.UploadAsync("traced.pdf", TestPdf.Numbered(3, "rivaroxaban"));
        await server.Client.WaitForFinalStatusAsync(id);
        var query = await server.Client.PostAsJsonAsync("/rag-query", new { query = "rivaroxaban study" });
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string[] spans = ["ingest job", "ingest parsing", "ingest chunking", "rag query", "retrieve", "POST /rag-query", "PUT /objects/{**key}"];
        string[] metrics = ["pharmarag.queue.depth", "pharmarag.ingestion.pages", "pharmarag.ingestion.pages_per_second",
            "pharmarag.query.duration", "pharmarag.ingestion.step.duration", "http.server.request.duration"];
        while (!(spans.All(s => collector.Received("/v1/traces", s)) && metrics.All(m => collector.Received("/v1/metrics", m))))
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"missing spans [{string.Join(", ", spans.Where(s => !collector.Received("/v1/traces", s)))}], " +
                $"metrics [{string.Join(", ", metrics.Where(m => !collector.Received("/v1/metrics", m)))}]; paths seen: {string.Join(", ", collector.Paths)}");
            await Task.Delay(100);
        }
        // The service is named, and no document text went out with the spans.
        Assert.True(collector.Received("/v1/traces", "pharmarag"));
        Assert.False(collector.Received("/v1/traces", "pg2marker"));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Model_calls_in_OpenAI_compatible_mode_are_spans_with_gen_ai_attributes_and_without_prompt_or_document_text()
    {
        await using var run = await ModelTracingRun.StartAsync(recordContent: false);

        // One span per chat and per embeddings call, named and attributed by the GenAI conventions.
        // ("rag query" ends after the answer's chat call, so that call's span has been exported by then.)
        await run.WaitForTracesAsync("rag query", "chat telemetry-chat-model", "embeddings telemetry-embedding-model",
            "gen_ai.operation.name", "gen_ai.request.model", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "gen_ai.response.model");
        Assert.NotEmpty(run.Models.ChatCalls);
        Assert.NotEmpty(run.Models.EmbeddingCalls);
        // Neither the question, nor the document's text, nor the model's reply left with the spans.
        Assert.False(run.Collector.Received("/v1/traces", ModelTracingRun.QuestionMarker));
        Assert.False(run.Collector.Received("/v1/traces", "pg2marker"));
        Assert.False(run.Collector.Received("/v1/traces", ModelTracingRun.ReplyMarker));
        Assert.False(run.Collector.Received("/v1/traces", "gen_ai.input.messages"));
    }

    [Fact]
    public async Task Prompts_and_replies_go_into_model_spans_only_when_RecordModelContent_is_set()
    {
        await using var run = await ModelTracingRun.StartAsync(recordContent: true);

        // The same search that finds nothing by default finds the text when it is asked for.
        await run.WaitForTracesAsync("chat telemetry-chat-model", ModelTracingRun.QuestionMarker, ModelTracingRun.ReplyMarker);
    }

    [Fact]
    public async Task Without_a_configured_collector_no_telemetry_is_collected()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        Assert.Null(server.Services.GetService<TracerProvider>());
        Assert.Null(server.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }
}
