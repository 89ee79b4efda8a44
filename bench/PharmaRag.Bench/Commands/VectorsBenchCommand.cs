using System.CommandLine;
using System.Diagnostics;
using PharmaRag.Bench.Evaluation;
using PharmaRag.Bench.Scale;
using PharmaRag.Core.Vectors;

namespace PharmaRag.Bench.Commands;

/// <summary>`pharmarag bench vectors`: the HNSW index against exact search: build time, recall@k, latency, bytes per vector.</summary>
internal static class VectorsBenchCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Vectors to index", DefaultValueFactory = _ => 100_000 };
        var dimensions = new Option<int>("--dimensions") { Description = "Dimensions", DefaultValueFactory = _ => 384 };
        var queries = new Option<int>("--queries") { Description = "Queries to time and score", DefaultValueFactory = _ => 500 };
        var k = new Option<int>("--k") { Description = "Neighbours per query", DefaultValueFactory = _ => 10 };
        var intrinsic = new Option<int>("--intrinsic")
        {
            Description = "Intrinsic (latent) dimension of the synthetic embeddings; 0 for independent noise in every dimension",
            DefaultValueFactory = _ => 32,
        };
        var ef = new Option<int[]>("--ef") { Description = "Search breadths to measure", DefaultValueFactory = _ => [32, 64, 128], AllowMultipleArgumentsPerToken = true };
        var command = new Command("vectors", "Measure the HNSW vector index against exact search on synthetic clustered vectors")
        {
            count, dimensions, queries, k, intrinsic, ef,
        };
        command.SetAction(parse =>
        {
            var (n, d, q, top) = (parse.GetValue(count), parse.GetValue(dimensions), parse.GetValue(queries), parse.GetValue(k));
            var latent = parse.GetValue(intrinsic);
            var vectors = SyntheticVectors.Clustered(n, d, seed: 1, latent);
            var probes = SyntheticVectors.Clustered(q, d, seed: 2, latent);
            var clock = Stopwatch.StartNew();
            var index = new HnswIndex(d);
            foreach (var vector in vectors)
            {
                index.Add(vector);
            }
            var buildSeconds = clock.Elapsed.TotalSeconds;
            using var graph = new MemoryStream();
            index.SaveGraph(new BinaryWriter(graph));

            var exact = new List<HashSet<int>>();
            var exactMs = new List<double>();
            foreach (var probe in probes)
            {
                clock.Restart();
                exact.Add(index.SearchExact(probe, top).Select(r => r.Id).ToHashSet());
                exactMs.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"## HNSW vs exact: {n} vectors x {d} dimensions (synthetic clustered, intrinsic dimension {(latent > 0 ? latent : d)}), {q} queries, k={top}");
            Console.WriteLine($"build {buildSeconds:0.0} s ({n / buildSeconds:0} vectors/s); bytes per vector: {4 * d} (float32 vector) + " +
                $"{graph.Length / (double)n:0} (graph links, as saved) = {4 * d + graph.Length / (double)n:0}");
            Console.WriteLine($"exact search: p50 {LatencyStats.Percentile(exactMs, 50):0.00} ms, p99 {LatencyStats.Percentile(exactMs, 99):0.00} ms");
            Console.WriteLine();
            Console.WriteLine($"| ef | recall@{top} | p50 ms | p99 ms |");
            Console.WriteLine("|---:|---:|---:|---:|");
            foreach (var breadth in parse.GetValue(ef)!)
            {
                var hits = 0;
                var latencies = new List<double>();
                for (var i = 0; i < probes.Length; i++)
                {
                    clock.Restart();
                    var found = index.Search(probes[i], top, breadth);
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                    hits += found.Count(r => exact[i].Contains(r.Id));
                }
                Console.WriteLine($"| {breadth} | {hits / (double)(probes.Length * top):0.000} | {LatencyStats.Percentile(latencies, 50):0.00} | {LatencyStats.Percentile(latencies, 99):0.00} |");
            }
            return 0;
        });
        return command;
    }
}
