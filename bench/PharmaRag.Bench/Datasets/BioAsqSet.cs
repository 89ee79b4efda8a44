namespace PharmaRag.Bench.Datasets;

/// <summary>
/// BioASQ Task B gold batches: every distinct gold snippet is a document; a question's own
/// snippets are its relevant set. Identical snippet texts (shared by several questions) are one
/// document, as the content-addressed store would make them anyway.
/// </summary>
internal static class BioAsqSet
{
    public const string Name = "bioasq";

    public static BenchSet Load(string root, QuickLimits? quick)
    {
        var folder = Path.Combine(root, "qa", "bioasq");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new BenchDataException($"No BioASQ JSON files in {folder}");
        }
        var snippetIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var corpus = new List<CorpusDocument>();
        var questions = new List<BenchQuestion>();
        foreach (var file in files)
        {
            foreach (var question in JsonInput.Array(JsonInput.ReadDocument(file), "questions"))
            {
                var relevant = new HashSet<string>(StringComparer.Ordinal);
                foreach (var text in JsonInput.Array(question, "snippets").Select(s => JsonInput.Text(s, "text")?.Trim()).OfType<string>())
                {
                    if (text.Length == 0)
                    {
                        continue;
                    }
                    if (!snippetIds.TryGetValue(text, out var id))
                    {
                        id = $"snippet-{snippetIds.Count + 1:D5}";
                        snippetIds[text] = id;
                        corpus.Add(CorpusDocument.FromText(id, null, text));
                    }
                    relevant.Add(id);
                }
                var body = JsonInput.Text(question, "body");
                if (relevant.Count > 0 && !string.IsNullOrWhiteSpace(body))
                {
                    questions.Add(new BenchQuestion(JsonInput.Text(question, "id") ?? $"q{questions.Count + 1}", body) { Relevant = relevant });
                }
            }
        }
        var chosen = quick?.Take(questions) ?? questions;
        var chosenCorpus = quick?.Corpus(corpus, chosen) ?? corpus;
        return new BenchSet(Name, SetScoring.DocumentRelevance, chosenCorpus, chosen)
        {
            Description = "BioASQ Task B: own gold snippets among all pooled snippets",
            RecallCutoffs = [10, 100],
            ReportsNdcg = true,
            Depth = 100,
            Sampling = quick?.Describe(chosen.Count, chosenCorpus.Count, questions.Count, corpus.Count),
        };
    }
}
