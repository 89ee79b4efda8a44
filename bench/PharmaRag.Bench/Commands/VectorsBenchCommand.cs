using System.CommandLine;
using System.Diagnostics;
using PharmaRag.Bench.Evaluation;
using PharmaRag.Bench.Scale;
using PharmaRag.Core.Vectors;

namespace PharmaRag.Bench.Commands;

/// <summary>
/// `pharmarag-bench vectors`: the HNSW index against exact search: build time on every core,
/// recall@k, latency and queries/s per search breadth (one thread and all threads), bytes per
/// vector. Vectors come from float32 .npy files (--base, --queries: the files hnswlib users have,
/// so both can run on the same data) or are synthetic.
/// </summary>
internal static class VectorsBenchCommand
{
    public static Command Create()
    {
        var baseFile = new Option<string?>("--base") { Description = "Vectors to index: a float32 .npy file (n x d)" };
        var queryFile = new Option<string?>("--queries") { Description = "Query vectors: a float32 .npy file (q x d); needs --base" };
        var count = new Option<int>("--count") { Description = "Synthetic vectors to index (without --base)", DefaultValueFactory = _ => 100_000 };
        var dimensions = new Option<int>("--dimensions") { Description = "Synthetic dimensions", DefaultValueFactory = _ => 384 };
        var queryCount = new Option<int>("--query-count") { Description = "Synthetic queries to time and score", DefaultValueFactory = _ => 500 };
        var k = new Option<int>("--k") { Description = "Neighbours per query", DefaultValueFactory = _ => 10 };
        var intrinsic = new Option<int>("--intrinsic")
        {
            Description = "Intrinsic (latent) dimension of the synthetic embeddings; 0 for independent noise in every dimension",
            DefaultValueFactory = _ => 32,
        };
        var ef = new Option<int[]>("--ef") { Description = "Search breadths to measure", DefaultValueFactory = _ => [16, 32, 64, 128, 256], AllowMultipleArgumentsPerToken = true };
        var m = new Option<int>("--m") { Description = "Links per node (M, as hnswlib)", DefaultValueFactory = _ => 16 };
        var efConstruction = new Option<int>("--ef-construction") { Description = "Build breadth (as hnswlib's ef_construction)", DefaultValueFactory = _ => 200 };
        var threads = new Option<int>("--threads") { Description = "Build and all-threads query threads (0: every core)", DefaultValueFactory = _ => 0 };
        var command = new Command("vectors", "Measure the HNSW vector index against exact search, on .npy vectors or synthetic ones")
        {
            baseFile, queryFile, count, dimensions, queryCount, k, intrinsic, ef, m, efConstruction, threads,
        };
        command.SetAction(parse =>
        {
            float[][] vectors, probes;
            string source;
            if (parse.GetValue(baseFile) is { } basePath)
            {
                if (parse.GetValue(queryFile) is not { } queryPath)
                {
                    Console.Error.WriteLine("--base needs --queries FILE.npy too.");
                    return 2;
                }
                try
                {
                    vectors = NpyMatrix.Read(basePath);
                    probes = NpyMatrix.Read(queryPath);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine(ex.Message);
                    return 2;
                }
                if (vectors.Length == 0 || probes.Length == 0 || probes[0].Length != vectors[0].Length)
                {
                    Console.Error.WriteLine($"--base and --queries must be non-empty with the same dimensions ({vectors.FirstOrDefault()?.Length} vs {probes.FirstOrDefault()?.Length}).");
                    return 2;
                }
                // Cosine similarity on unit vectors, as hnswlib's 'cosine' space normalises them.
                foreach (var vector in vectors.Concat(probes))
                {
                    VectorMath.Normalize(vector);
                }
                source = $"{Path.GetFileName(basePath)} / {Path.GetFileName(queryPath)}, normalised, cosine";
            }
            else
            {
                var latent = parse.GetValue(intrinsic);
                vectors = SyntheticVectors.Clustered(parse.GetValue(count), parse.GetValue(dimensions), seed: 1, latent);
                probes = SyntheticVectors.Clustered(parse.GetValue(queryCount), parse.GetValue(dimensions), seed: 2, latent);
                source = $"synthetic clustered, intrinsic dimension {(latent > 0 ? latent : parse.GetValue(dimensions))}";
            }
            var top = parse.GetValue(k);
            var parallelism = parse.GetValue(threads) > 0 ? parse.GetValue(threads) : Environment.ProcessorCount;
            Run(vectors, probes, top, parse.GetValue(ef)!, parse.GetValue(m), parse.GetValue(efConstruction), parallelism, source);
            return 0;
        });
        return command;
    }

    private static void Run(float[][] vectors, float[][] probes, int top, int[] breadths, int m, int efConstruction, int threads, string source)
    {
        var (n, d) = (vectors.Length, vectors[0].Length);
        var clock = Stopwatch.StartNew();
        var index = new HnswIndex(d, m, efConstruction);
        index.AddRange(vectors, threads);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        using var graph = new MemoryStream();
        index.SaveGraph(new BinaryWriter(graph));

        var exact = new HashSet<int>[probes.Length];
        var exactMs = new double[probes.Length];
        for (var i = 0; i < probes.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            exact[i] = index.SearchExact(probes[i], top).Select(r => r.Id).ToHashSet();
            exactMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Console.WriteLine($"## HNSW vs exact: {n} vectors x {d} dimensions ({source}), {probes.Length} queries, k={top}");
        Console.WriteLine($"M={m}, ef_construction={efConstruction}; build on {threads} threads {buildSeconds:0.0} s ({n / buildSeconds:0} vectors/s); " +
            $"bytes per vector: {4 * d} (float32 vector) + {graph.Length / (double)n:0} (graph links, as saved) = {4 * d + graph.Length / (double)n:0}");
        Console.WriteLine($"exact search (1 thread): p50 {LatencyStats.Percentile(exactMs, 50):0.00} ms, p99 {LatencyStats.Percentile(exactMs, 99):0.00} ms");
        Console.WriteLine();
        Console.WriteLine($"| ef | recall@{top} | p50 ms | p99 ms | queries/s, 1 thread | queries/s, {threads} threads |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var breadth in breadths)
        {
            var hits = 0;
            var latencies = new double[probes.Length];
            clock.Restart();
            for (var i = 0; i < probes.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var found = index.Search(probes[i], top, breadth);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                hits += found.Count(r => exact[i].Contains(r.Id));
            }
            var single = probes.Length / clock.Elapsed.TotalSeconds;
            clock.Restart();
            Parallel.For(0, probes.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => index.Search(probes[i], top, breadth));
            var all = probes.Length / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"| {breadth} | {hits / (double)(probes.Length * top):0.000} | {LatencyStats.Percentile(latencies, 50):0.00} | " +
                $"{LatencyStats.Percentile(latencies, 99):0.00} | {single:0} | {all:0} |");
        }
    }
}
