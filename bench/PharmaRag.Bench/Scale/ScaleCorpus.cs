using System.Text.Json;

namespace PharmaRag.Bench.Scale;

/// <summary>
/// Text for scale tests: sentences from SciFact's abstracts when the shared bench folder is given
/// (real biomedical vocabulary and term statistics), else from a seeded Zipf-distributed
/// vocabulary; chunks are random runs of them.
/// </summary>
public static class ScaleCorpus
{
    public static IReadOnlyList<string> Sentences(string? benchData, int seed)
    {
        var corpus = benchData is null ? null : Path.Combine(benchData, "qa", "scifact", "corpus.jsonl");
        if (corpus is not null && File.Exists(corpus))
        {
            return File.ReadLines(corpus)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString() ?? "")
                .SelectMany(text => text.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(s => s.Length > 30)
                .ToArray();
        }
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 30_000).Select(i => $"term{i}").ToArray();
        return Enumerable.Range(0, 200_000).Select(_ => string.Join(' ',
            Enumerable.Range(0, 18).Select(_ => vocabulary[(int)Math.Min(vocabulary.Length - 1, Math.Exp(random.NextDouble() * Math.Log(vocabulary.Length)))]))).ToArray();
    }
}
