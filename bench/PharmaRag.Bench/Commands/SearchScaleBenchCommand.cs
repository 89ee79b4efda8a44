using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using PharmaRag.Bench.Evaluation;
using PharmaRag.Bench.Scale;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Storage;
using PharmaRag.Models;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Bench.Commands;

/// <summary>
/// `pharmarag-bench search`: retrieval-only /search latency over HTTP against the real server
/// holding a large number of chunks, written through the store ports (parsing is not measured).
/// </summary>
internal static class SearchScaleBenchCommand
{
    private const int ChunksPerDocument = 100;
    private const int WarmUpQueries = 100;

    public static Command Create()
    {
        var chunks = new Option<int>("--chunks") { Description = "Chunks to index", DefaultValueFactory = _ => 100_000 };
        var data = new Option<string?>("--data") { Description = "The shared bench folder (SciFact sentences as text); synthetic text without it" };
        var queries = new Option<int>("--queries") { Description = "Queries to time", DefaultValueFactory = _ => 300 };
        var keywordOnly = new Option<bool>("--keyword-only") { Description = "Index and time keywords only: no embeddings or vectors in the fill, no vector timing (for runs at 1M chunks)" };
        var embedPassages = new Option<bool>("--embed-passages")
        {
            Description = "Embed every filled chunk with the configured model. Without it a neural model's passage vectors are the hashing " +
                "embedder's (same dimensions, seconds instead of hours at 100k chunks); queries always go through the configured model",
        };
        var command = new Command("search", "Time /search over HTTP with many chunks indexed, keyword-only and with vectors") { chunks, data, queries, keywordOnly, embedPassages };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = Path.Combine(Path.GetTempPath(), "pharmarag-search-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var sentences = ScaleCorpus.Sentences(parse.GetValue(data), seed: 3);
                var random = new Random(5);
                var questions = Enumerable.Range(0, parse.GetValue(queries))
                    .Select(_ => string.Join(' ', sentences[random.Next(sentences.Count)].Split(' ').Take(10))).ToArray();
                // Other sentences' words warm each server first (tiered JIT, page cache) without
                // repeating the timed queries, so the figures are the steady state a running server has.
                var warmRandom = new Random(11);
                var warmUp = Enumerable.Range(0, WarmUpQueries)
                    .Select(_ => string.Join(' ', sentences[warmRandom.Next(sentences.Count)].Split(' ').Take(10))).ToArray();
                var withVectors = !parse.GetValue(keywordOnly);
                var clock = Stopwatch.StartNew();
                string model;
                await using (var server = await StartAsync(directory, ["--PharmaRag:Retrieval:VectorWeight=0"]))
                {
                    var keywordIndex = server.Services.GetRequiredService<IKeywordIndex>().GetType().Name;
                    var embedder = server.Services.GetRequiredService<ChunkEmbedder>();
                    model = embedder.ModelSignature;
                    // A neural model would take hours to embed 100k passages on a small machine; the
                    // HNSW search cost depends on the vectors' count and dimensions, so the hashing
                    // embedder's vectors of the same size stand in unless --embed-passages.
                    var passages = embedder.IsLexicalOnly || parse.GetValue(embedPassages) ? embedder : new ChunkEmbedder(new HashingEmbeddingGenerator());
                    await FillAsync(server.Services, passages, sentences, parse.GetValue(chunks), withVectors, cancellationToken);
                    Console.WriteLine($"## /search with {parse.GetValue(chunks)} chunks ({(parse.GetValue(data) is null ? "synthetic" : "SciFact")} text), {questions.Length} queries over HTTP after {WarmUpQueries} untimed warm-up queries");
                    Console.WriteLine($"indexed in {clock.Elapsed.TotalSeconds:0.0} s (store, {keywordIndex}{(withVectors ? $", vectors: passages by {passages.ModelSignature}, queries by {model}" : "")}); " +
                        $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
                    Console.WriteLine();
                    Console.WriteLine("| retrieval | top_k | p50 ms | p95 ms | p99 ms |");
                    Console.WriteLine("|---|---:|---:|---:|---:|");
                    await TimeAsync(server, "BM25 only (VectorWeight 0)", warmUp, questions, cancellationToken);
                    Console.WriteLine();
                    ReportFootprint(directory);
                }
                if (withVectors)
                {
                    await using var server = await StartAsync(directory, ["--PharmaRag:Retrieval:VectorWeight=1"]);
                    await TimeAsync(server, $"BM25 + HNSW vectors (RRF), query embedded by {model}", warmUp, questions, cancellationToken);
                }
                return 0;
            }
            finally
            {
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            }
        });
        return command;
    }

    // The server runs inside this process, so its memory is this process's: resident set now and at its peak.
    private static void ReportFootprint(string directory)
    {
        using var process = Process.GetCurrentProcess();
        var files = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).ToArray();
        long Megabytes(IEnumerable<FileInfo> set) => set.Sum(f => f.Length) / 1048576;
        var keywords = files.Where(f => f.FullName.Contains(Path.DirectorySeparatorChar + "keywords" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Console.WriteLine($"data directory {Megabytes(files)} MB (keyword index folder {Megabytes(keywords)} MB, SQLite files {Megabytes(files.Where(f => f.Name.StartsWith("pharmarag.db", StringComparison.Ordinal)))} MB); " +
            $"server process RSS {process.WorkingSet64 / 1048576} MB after timing, peak {process.PeakWorkingSet64 / 1048576} MB");
    }

    private static async Task FillAsync(
        IServiceProvider services, ChunkEmbedder embedder, IReadOnlyList<string> sentences, int count, bool withVectors, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IRagStore>();
        var keywords = services.GetRequiredService<IKeywordIndex>();
        var vectors = services.GetRequiredService<IVectorIndex>();
        var random = new Random(7);
        for (var start = 0; start < count; start += ChunksPerDocument)
        {
            // The store writes do not watch the token once they run; a stop request ends the fill between batches.
            cancellationToken.ThrowIfCancellationRequested();
            var documentId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(start)));
            var now = DateTimeOffset.UtcNow;
            await store.UpsertDocumentAsync(new DocumentRecord
            {
                Id = documentId, Key = $"scale/{start}.txt", FileName = $"scale-{start}.txt", MediaType = MediaTypes.PlainText,
                Status = DocumentStatus.Processed, Pages = 1, Chunks = ChunksPerDocument, CreatedAt = now, UpdatedAt = now,
            }, cancellationToken);
            var batch = Enumerable.Range(0, Math.Min(ChunksPerDocument, count - start)).Select(i =>
            {
                var text = string.Join(". ", Enumerable.Range(0, 6).Select(_ => sentences[random.Next(sentences.Count)]));
                return new Chunk
                {
                    Id = Chunk.MakeId(documentId, i), DocumentId = documentId, Ordinal = i, Text = text, Tokens = text.Length / 4,
                    PageSpans = [new PageSpan(0, 1)],
                };
            }).ToArray();
            await store.UpsertChunksAsync(batch, cancellationToken);
            await keywords.IndexAsync(batch, cancellationToken);
            if (withVectors)
            {
                await vectors.UpsertAsync(await embedder.EmbedAsync(batch, cancellationToken), cancellationToken);
            }
            if ((start + ChunksPerDocument) % 100_000 == 0)
            {
                Console.Error.WriteLine($"filled {start + ChunksPerDocument} of {count} chunks");
            }
        }
        if (withVectors)
        {
            await vectors.FlushAsync(cancellationToken);
        }
    }

    private static async Task TimeAsync(
        RunningServer server, string label, string[] warmUp, string[] questions, CancellationToken cancellationToken)
    {
        foreach (var query in warmUp)
        {
            await SearchAsync(server, query, 10, cancellationToken);
        }
        foreach (var topK in new[] { 5, 20 })
        {
            var latencies = new List<double>();
            foreach (var question in questions)
            {
                var clock = Stopwatch.StartNew();
                await SearchAsync(server, question, topK, cancellationToken);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"| {label} | {topK} | {LatencyStats.Percentile(latencies, 50):0.0} | {LatencyStats.Percentile(latencies, 95):0.0} | {LatencyStats.Percentile(latencies, 99):0.0} |");
        }
    }

    private static async Task SearchAsync(RunningServer server, string query, int topK, CancellationToken cancellationToken)
    {
        var response = await server.Client.PostAsJsonAsync("/search", new { query, top_k = topK }, cancellationToken);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private static async Task<RunningServer> StartAsync(string directory, string[] configuration)
    {
        var dataLock = DataDirectoryLock.Acquire(directory);
        var app = PharmaRagServer.Build(new ServerSettings("http://127.0.0.1:0", directory, [.. configuration, "--Logging:LogLevel:Default=Warning"]));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningServer(app, dataLock, new HttpClient { BaseAddress = new Uri(address) });
    }

    private sealed class RunningServer(WebApplication app, DataDirectoryLock dataLock, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client => client;
        public IServiceProvider Services => app.Services;

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
            dataLock.Dispose();
        }
    }
}
