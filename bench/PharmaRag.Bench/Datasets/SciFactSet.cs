namespace PharmaRag.Bench.Datasets;

/// <summary>BEIR SciFact: abstracts as documents, test claims as queries, nDCG@10 and recall@100 against qrels-test.tsv.</summary>
internal static class SciFactSet
{
    public const string Name = "scifact";

    public static BenchSet Load(string root, QuickLimits? quick)
    {
        var folder = Path.Combine(root, "qa", "scifact");
        var corpus = JsonInput.ReadLines(Path.Combine(folder, "corpus.jsonl"))
            .Select((line, i) =>
            {
                var where = $"{folder}/corpus.jsonl line {i + 1}";
                return CorpusDocument.FromText(
                    JsonInput.RequiredText(line, "_id", where), JsonInput.Text(line, "title"), JsonInput.Text(line, "text") ?? "");
            })
            .ToArray();
        var qrels = ReadQrels(Path.Combine(folder, "qrels-test.tsv"));
        var questions = JsonInput.ReadLines(Path.Combine(folder, "queries.jsonl"))
            .Select(line => (Id: JsonInput.Text(line, "_id") ?? "", Text: JsonInput.Text(line, "text") ?? ""))
            .Where(q => qrels.ContainsKey(q.Id) && q.Text.Length > 0)
            .Select(q => new BenchQuestion(q.Id, q.Text) { Relevant = qrels[q.Id] })
            .ToArray();
        var chosen = quick?.Take(questions) ?? questions;
        var chosenCorpus = quick?.Corpus(corpus, chosen) ?? corpus;
        return new BenchSet(Name, SetScoring.DocumentRelevance, chosenCorpus, chosen)
        {
            Description = "BEIR SciFact test: nDCG@10 and recall@100 against qrels",
            RecallCutoffs = [10, 100],
            ReportsNdcg = true,
            Depth = 200,
            Sampling = quick?.Describe(chosen.Count, chosenCorpus.Count, questions.Length, corpus.Length),
        };
    }

    private static Dictionary<string, HashSet<string>> ReadQrels(string path)
    {
        if (!File.Exists(path))
        {
            throw new BenchDataException($"File not found: {path}");
        }
        var qrels = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length < 3 || !int.TryParse(fields[2], out var score))
            {
                continue;
            }
            if (score > 0)
            {
                qrels.TryAdd(fields[0], new HashSet<string>(StringComparer.Ordinal));
                qrels[fields[0]].Add(fields[1]);
            }
        }
        return qrels.Count > 0 ? qrels : throw new BenchDataException($"{path} holds no relevance judgments.");
    }
}
